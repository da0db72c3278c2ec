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
    const res = await agent.post('/v1/auth/signup').send({ email: email.toUpperCase(), password: 'mật khẩu dài' }).expect(202);
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
    const res = await request(app)
      .post('/v1/auth/signup')
      .send({ phone: `09${digits.slice(0, 1)} ${digits.slice(1)}`, password: 'nhà tôi ở đầu ngõ' })
      .expect(202);
    expect(res.body.user.phone).toBe(`+849${digits}`);
    await request(app)
      .post('/v1/auth/login')
      .send({ phone: `+84 9${digits}`, password: 'nhà tôi ở đầu ngõ' })
      .expect(200);
  });

  it('a taken login signs nobody in and changes nothing; bad credentials and malformed input are refused', async () => {
    const email = unique();
    await request(app).post('/v1/auth/signup').send({ email, password: 'cây bàng trước cửa' }).expect(202);
    const taken = await request(app).post('/v1/auth/signup').send({ email, password: 'other-password-2026' }).expect(202);
    expect(taken.body.user).toBeUndefined();
    await request(app).post('/v1/auth/login').send({ email, password: 'other-password-2026' }).expect(401);
    await request(app).post('/v1/auth/login').send({ email, password: 'cây bàng trước cửa' }).expect(200);
    await request(app).post('/v1/auth/login').send({ email: unique(), password: 'whatever1' }).expect(401);
    await request(app).post('/v1/auth/signup').send({ email: 'not-an-email', password: 'password123' }).expect(400);
    await request(app).post('/v1/auth/signup').send({ email: unique(), password: 'short' }).expect(400);
    await request(app).post('/v1/auth/signup').send({ email: unique(), phone: '0912345678', password: 'password123' }).expect(400);
    await request(app).post('/v1/auth/signup').send({ email: unique(), password: 'password123', role: 'admin' }).expect(400);
  });

  it('refuses the most common passwords at sign-up, saying why, and makes no account', async () => {
    for (const password of ['password123', '12345678', 'iloveyou', 'matkhau123', 'qwertyuiop']) {
      const email = unique();
      const res = await request(app).post('/v1/auth/signup').send({ email, password }).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'password', message: expect.stringMatching(/common|guess/) })]);
      expect(await knex('users').where({ email }).first()).toBeUndefined();
    }
    // a password made of the e-mail address is as guessable
    const email = unique();
    await request(app).post('/v1/auth/signup').send({ email, password: email }).expect(400);
  });

  // the throttle itself (on in tests/security/auth-throttle.int.test.ts, off in this app) never answers with a hard lock either
  it('wrong passwords never lock the account: its owner signs in on the device they used before', async () => {
    const email = unique();
    const agent = request.agent(app);
    await agent.post('/v1/auth/signup').send({ email, password: 'password of the owner' }).expect(202);
    await agent.post('/v1/auth/login').send({ email, password: 'password of the owner' }).expect(200);
    for (let i = 0; i < 10; i++)
      await request(app)
        .post('/v1/auth/login')
        .send({ email, password: `nope-${i}-wrong` })
        .expect(401);
    await agent.post('/v1/auth/login').send({ email, password: 'password of the owner' }).expect(200);
  });

  it('refuses a cross-site state change that carries the session cookie (CSRF)', async () => {
    const { agent } = await signedIn(app, knex, 'household');
    const body = { lat: 16.06, lng: 108.22 };
    const res = await agent.post('/v1/addresses').set('Origin', 'https://evil.example').send(body).expect(403);
    expect(res.body.type).toBe('/problems/forbidden');
    await agent.post('/v1/addresses').set('Sec-Fetch-Site', 'cross-site').send(body).expect(403);
    expect(
      await knex('addresses')
        .whereRaw('ST_DWithin(geom, ST_SetSRID(ST_MakePoint(108.22, 16.06), 4326), 0.00001)')
        .count('* as n')
        .then((r) => Number(r[0]!.n)),
    ).toBe(0);
    // the same request from the site itself, and any request without the cookie, pass
    await agent.post('/v1/addresses').set('Host', 'ma.example.vn').set('Origin', 'http://ma.example.vn').send(body).expect(201);
    await request(app).post('/v1/addresses').set('Origin', 'https://other.example').send({ lat: 16.0601, lng: 108.2201 }).expect(201);
  });
});

describe('administrators', () => {
  it('create staff with wards; nobody else can', async () => {
    const admin = await signedIn(app, knex, 'admin');
    const household = await signedIn(app, knex, 'household');
    const body = { email: unique(), password: 'sổ địa chính phường', role: 'staff', wards: ['00070', '00226'] };
    await household.agent.post('/v1/users').send(body).expect(403);
    const created = await admin.agent.post('/v1/users').send(body).expect(201);
    expect(created.body).toMatchObject({ role: 'staff', wards: ['00070', '00226'] });
    await admin.agent
      .post('/v1/users')
      .send({ ...body, email: unique(), wards: ['99999'] })
      .expect(400);
    const weak = await admin.agent
      .post('/v1/users')
      .send({ ...body, email: unique(), password: 'password1' })
      .expect(400);
    expect(weak.body.detail).toMatch(/common/);
    const moved = await admin.agent
      .post(`/v1/users/${created.body.id}/wards`)
      .send({ wards: ['00004'] })
      .expect(200);
    expect(moved.body.wards).toEqual(['00004']);
  });

  it('has a CLI that creates a staff member on the same database', async () => {
    const email = unique();
    const run = promisify(execFile);
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/cli/admin.ts',
        'create-user',
        '--email',
        email,
        '--password',
        'sổ địa chính phường',
        '--role',
        'staff',
        '--wards',
        '00070',
      ],
      {
        env: { ...process.env, DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: 'silent' },
      },
    );
    expect(stdout).toMatch(/created user \d+: .*role staff, wards 00070/);
    const agent = request.agent(app);
    const login = await agent.post('/v1/auth/login').send({ email, password: 'sổ địa chính phường' }).expect(200);
    expect(login.body.user).toMatchObject({ role: 'staff', wards: ['00070'] });
    expect((await agent.get('/v1/me')).body.wards).toEqual(['00070']);
    await expect(
      run(
        process.execPath,
        ['--import', 'tsx', 'server/cli/admin.ts', 'create-user', '--email', email, '--password', 'x', '--role', 'staff'],
        {
          env: { ...process.env, DATABASE_URL: inject('databaseUrl') },
        },
      ),
    ).rejects.toThrow(/at least 8 characters/);
    await expect(
      run(
        process.execPath,
        ['--import', 'tsx', 'server/cli/admin.ts', 'create-user', '--email', unique(), '--password', 'qwerty123', '--role', 'staff'],
        {
          env: { ...process.env, DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: 'silent' },
        },
      ),
    ).rejects.toThrow(/most common passwords/);
  });
});
