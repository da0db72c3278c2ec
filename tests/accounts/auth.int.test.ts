import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import request from 'supertest';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTestApp } from '../support/app.js';
import { signedIn } from '../support/users.js';

const { app, knex, close } = createTestApp();
afterAll(close);
const unique = () => `u${Date.now()}${Math.floor(Math.random() * 1e6)}@example.vn`;

describe('sign-up, sign-in, sessions', () => {
  it('signs up with an e-mail, sets a secure session cookie, and knows who is signed in', async () => {
    const agent = request.agent(app);
    const email = unique();
    const res = await agent.post('/v1/auth/signup').send({ email: email.toUpperCase(), password: 'mật khẩu dài' }).expect(201);
    expect(res.body.user).toMatchObject({ email, role: 'household', wards: [], blocked: false });
    expect(res.body.user).not.toHaveProperty('password_hash');
    const cookie = res.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/^sid=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await agent.get('/v1/me').expect(200);
    expect(me.body.email).toBe(email);
    expect(me.headers['cache-control']).toMatch(/no-store/);
    await agent.post('/v1/auth/logout').set('Host', 'ma.example.vn').set('Origin', 'http://ma.example.vn').expect(204);
    await agent.get('/v1/me').expect(401);
  });

  it('signs up with a phone number written the Vietnamese way, and signs in with it written otherwise', async () => {
    const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
    const res = await request(app).post('/v1/auth/signup').send({ phone: `09${digits.slice(0, 1)} ${digits.slice(1)}`, password: 'password123' }).expect(201);
    expect(res.body.user.phone).toBe(`+849${digits}`);
    await request(app).post('/v1/auth/login').send({ phone: `+84 9${digits}`, password: 'password123' }).expect(200);
  });

  it('refuses a duplicate account, bad credentials and malformed input', async () => {
    const email = unique();
    await request(app).post('/v1/auth/signup').send({ email, password: 'password123' }).expect(201);
    await request(app).post('/v1/auth/signup').send({ email, password: 'other-password' }).expect(409);
    await request(app).post('/v1/auth/login').send({ email, password: 'wrong-password' }).expect(401);
    await request(app).post('/v1/auth/login').send({ email: unique(), password: 'whatever1' }).expect(401);
    await request(app).post('/v1/auth/signup').send({ email: 'not-an-email', password: 'password123' }).expect(400);
    await request(app).post('/v1/auth/signup').send({ email: unique(), password: 'short' }).expect(400);
    await request(app).post('/v1/auth/signup').send({ email: unique(), phone: '0912345678', password: 'password123' }).expect(400);
    await request(app).post('/v1/auth/signup').send({ email: unique(), password: 'password123', role: 'admin' }).expect(400);
  });

  it('locks an account for a while after 10 failed sign-ins', async () => {
    const email = unique();
    await request(app).post('/v1/auth/signup').send({ email, password: 'password123' }).expect(201);
    for (let i = 0; i < 10; i++) await request(app).post('/v1/auth/login').send({ email, password: `nope-${i}-wrong` }).expect(401);
    const locked = await request(app).post('/v1/auth/login').send({ email, password: 'password123' }).expect(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(60);
  });

  it('refuses a cross-site state change that carries the session cookie (CSRF)', async () => {
    const { agent } = await signedIn(app, knex, 'household');
    const body = { lat: 16.0600, lng: 108.2200 };
    const res = await agent.post('/v1/addresses').set('Origin', 'https://evil.example').send(body).expect(403);
    expect(res.body.type).toBe('/problems/forbidden');
    await agent.post('/v1/addresses').set('Sec-Fetch-Site', 'cross-site').send(body).expect(403);
    expect(await knex('addresses').whereRaw('ST_DWithin(geom, ST_SetSRID(ST_MakePoint(108.22, 16.06), 4326), 0.00001)').count('* as n').then((r) => Number(r[0]!.n))).toBe(0);
    // the same request from the site itself, and any request without the cookie, pass
    await agent.post('/v1/addresses').set('Host', 'ma.example.vn').set('Origin', 'http://ma.example.vn').send(body).expect(201);
    await request(app).post('/v1/addresses').set('Origin', 'https://other.example').send({ lat: 16.0601, lng: 108.2201 }).expect(201);
  });
});

describe('administrators', () => {
  it('create staff with wards; nobody else can', async () => {
    const admin = await signedIn(app, knex, 'admin');
    const household = await signedIn(app, knex, 'household');
    const body = { email: unique(), password: 'password123', role: 'staff', wards: ['00070', '00226'] };
    await household.agent.post('/v1/users').send(body).expect(403);
    const created = await admin.agent.post('/v1/users').send(body).expect(201);
    expect(created.body).toMatchObject({ role: 'staff', wards: ['00070', '00226'] });
    await admin.agent.post('/v1/users').send({ ...body, email: unique(), wards: ['99999'] }).expect(400);
    const moved = await admin.agent.post(`/v1/users/${created.body.id}/wards`).send({ wards: ['00004'] }).expect(200);
    expect(moved.body.wards).toEqual(['00004']);
  });

  it('has a CLI that creates a staff member on the same database', async () => {
    const email = unique();
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/cli/admin.ts', 'create-user', '--email', email, '--password', 'password123', '--role', 'staff', '--wards', '00070'], {
      env: { ...process.env, DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: 'silent' },
    });
    expect(stdout).toMatch(/created user \d+: .*role staff, wards 00070/);
    const agent = request.agent(app);
    const login = await agent.post('/v1/auth/login').send({ email, password: 'password123' }).expect(200);
    expect(login.body.user).toMatchObject({ role: 'staff', wards: ['00070'] });
    expect((await agent.get('/v1/me')).body.wards).toEqual(['00070']);
    await expect(run(process.execPath, ['--import', 'tsx', 'server/cli/admin.ts', 'create-user', '--email', email, '--password', 'x', '--role', 'staff'], {
      env: { ...process.env, DATABASE_URL: inject('databaseUrl') },
    })).rejects.toThrow(/at least 8 characters/);
  });
});
