/**
 * Lock-out as a weapon and account enumeration (issue 15): failed sign-ins slow the attacker, never
 * the owner on a known device; known and unknown accounts answer alike, throttle included; sign-up
 * tells nobody whether an address is taken. The clock is the app's (advanced, never slept on); each
 * test signs in from its own random client addresses (X-Forwarded-For, trusted here), so counters
 * left by earlier runs in the test database do not matter.
 */
import request from 'supertest';
import type { Response } from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.js';

let now = Date.now();
const { app, close } = createTestApp({ authThrottle: true, trustProxy: true, clock: () => now });
afterAll(close);

const unique = (tag = 'u') => `${tag}${Date.now()}${Math.floor(Math.random() * 1e6)}@example.vn`;
const randomIp = () =>
  `10.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 250)}`;
const PASSWORD = 'lúa chín vàng đồng quê';

async function signUp(email: string, ip = randomIp()) {
  const agent = request.agent(app);
  await agent.post('/v1/auth/signup').set('X-Forwarded-For', ip).send({ email, password: PASSWORD }).expect(202);
  return agent;
}
const login = (email: string, password: string, ip: string, agent: ReturnType<typeof request.agent> | null = null) =>
  (agent ?? request(app)).post('/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password });

/** Wrong passwords until `failures` of them were refused as wrong (401), waiting out each 429 on the app's clock. */
async function fail(email: string, failures: number, ip: () => string) {
  let counted = 0;
  for (let i = 0; counted < failures && i < failures * 3; i++) {
    const res = await login(email, `wrong guess ${i} ${Math.random()}`, ip());
    if (res.status === 401) counted++;
    else if (res.status === 429) now += Number(res.headers['retry-after']) * 1000;
    else throw new Error(`unexpected ${res.status}`);
  }
  return counted;
}

/** What a client can observe of an answer, but for the clock. */
const observable = (res: Response) => ({
  status: res.status,
  body: res.body,
  headers: Object.fromEntries(Object.entries(res.headers).filter(([name]) => name !== 'date')),
});

describe('sign-in throttling', () => {
  it('the owner with the right password signs in on their known device after 50 failures from an attacker', async () => {
    const email = unique('owner');
    const home = randomIp();
    const owner = await signUp(email, home);
    await owner.post('/v1/auth/logout').expect(204);
    await login(email, PASSWORD, home, owner).expect(200); // this browser is now a known device
    await owner.post('/v1/auth/logout').expect(204);

    expect(await fail(email, 50, randomIp)).toBe(50);

    // a new browser, even with the right password, waits: the account is under attack
    const stranger = await login(email, PASSWORD, randomIp());
    expect(stranger.status).toBe(429);
    expect(Number(stranger.headers['retry-after'])).toBeGreaterThan(0);
    // the owner's own browser is not held back, at once, on the same clock
    const res = await login(email, PASSWORD, home, owner).expect(200);
    expect(res.body.user.email).toBe(email);
  });

  it('backs off exponentially instead of locking: after the wait the right password works from anywhere', async () => {
    const email = unique();
    await signUp(email);
    const attacker = randomIp();
    for (let i = 0; i < 5; i++) await login(email, `nope ${i} wrong`, attacker).expect(401);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const held = await login(email, 'nope again', attacker).expect(429);
      waits.push(Number(held.headers['retry-after']));
      now += waits.at(-1)! * 1000;
      await login(email, `nope ${i} later`, attacker).expect(401);
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    now += 16_000;
    await login(email, PASSWORD, randomIp()).expect(200); // a delay, not a 15-minute lock
  });

  it('the known device is still held by the counter of its own address and account (and its own cookie)', async () => {
    const email = unique();
    const home = randomIp();
    const owner = await signUp(email, home);
    await login(email, PASSWORD, home, owner).expect(200);
    for (let i = 0; i < 5; i++) await login(email, `typo ${i} wrong`, home, owner).expect(401);
    await login(email, PASSWORD, home, owner).expect(429);
  });

  it('a device cookie of another account exempts nothing', async () => {
    const mine = unique();
    const victim = unique('victim');
    const ip = randomIp();
    const attacker = await signUp(mine, ip);
    await login(mine, PASSWORD, ip, attacker).expect(200); // the attacker's own known device
    await signUp(victim);
    expect(await fail(victim, 6, randomIp)).toBe(6);
    const res = await login(victim, 'guess with cookie', randomIp(), attacker);
    expect(res.status).toBe(429);
  });

  it('one address spraying passwords over many accounts is slowed', async () => {
    const ip = randomIp();
    for (let i = 0; i < 20; i++) await login(unique(`spray${i}-`), 'Summer2026!', ip).expect(401);
    const held = await login(unique('spray-next-'), 'Summer2026!', ip).expect(429);
    expect(held.body.type).toBe('/problems/too-many-requests');
  });
});

describe('no answer tells whether an account exists', () => {
  it('login for unknown and known accounts answers identical status, body and headers, throttle included', async () => {
    const known = unique('known');
    await signUp(known);
    const unknown = unique('nobody');
    const ipKnown = randomIp();
    const ipUnknown = randomIp();
    const pairs: [Response, Response][] = [];
    for (let i = 0; i < 7; i++)
      pairs.push([await login(known, `wrong ${i} pass`, ipKnown), await login(unknown, `wrong ${i} pass`, ipUnknown)]);
    for (const [a, b] of pairs) expect(observable(a)).toEqual(observable(b));
    expect(pairs.map(([a]) => a.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('a wrong password costs about as long for an unknown account as for a known one', async () => {
    const known = unique('timed');
    await signUp(known);
    const time = async (email: string) => {
      const start = performance.now();
      await login(email, 'not the password at all', randomIp()).expect(401);
      return performance.now() - start;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const knownMs: number[] = [];
    const unknownMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      knownMs.push(await time(known));
      unknownMs.push(await time(unique('untimed')));
    }
    const ratio = median(unknownMs) / median(knownMs);
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(2.5);
  });

  it('sign-up with a taken e-mail answers like a new one (status and body), and signs nobody in', async () => {
    const email = unique('taken');
    const fresh = await request(app).post('/v1/auth/signup').set('X-Forwarded-For', randomIp()).send({ email, password: PASSWORD });
    const again = await request(app)
      .post('/v1/auth/signup')
      .set('X-Forwarded-For', randomIp())
      .send({ email, password: 'một mật khẩu khác hẳn' });
    expect(fresh.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body.message).toBe(fresh.body.message);
    expect(fresh.body.user.email).toBe(email);
    expect(again.body.user).toBeUndefined();
    expect(again.headers['set-cookie']).toBeUndefined();
    // the browser that made the account is a known device from the start (found in review: only a later sign-in made it one)
    expect(String(fresh.headers['set-cookie'])).toMatch(/vnac_device=/);
    // the owner's password did not change
    await login(email, PASSWORD, randomIp()).expect(200);
  });

  it('sign-ups from one address are throttled too', async () => {
    const ip = randomIp();
    for (let i = 0; i < 10; i++)
      await request(app).post('/v1/auth/signup').set('X-Forwarded-For', ip).send({ email: unique(), password: 'password123' }).expect(400);
    await request(app).post('/v1/auth/signup').set('X-Forwarded-For', ip).send({ email: unique(), password: PASSWORD }).expect(429);
  });
});
