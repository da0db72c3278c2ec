/**
 * Forgotten passwords (issue 15): a one-time link by mail (against a local SMTP sink) or from the
 * administrator's CLI; single-use, short-lived, the newest voiding older ones, every session ended.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import request from 'supertest';
import type { Response } from 'supertest';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createSmtpMailer } from '../../server/accounts/mailer.js';
import { createTestApp } from '../support/app.js';
import { startSmtpSink } from '../support/smtp-sink.js';

const sink = await startSmtpSink();
const mailer = createSmtpMailer(sink.url, 'Mã địa chỉ số <no-reply@ma.example.vn>');
let now = Date.now();
const APP_URL = 'https://ma.example.vn';
const { app, knex, close } = createTestApp({ mailer, appUrl: APP_URL, clock: () => now, authThrottle: true, trustProxy: true });
afterAll(async () => {
  mailer.close();
  await sink.close();
  await close();
});
beforeEach(() => {
  now = Date.now();
});

const unique = (tag = 'r') => `${tag}${Date.now()}${Math.floor(Math.random() * 1e6)}@example.vn`;
const randomIp = () =>
  `10.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 250)}`;
const PASSWORD = 'đèn lồng phố cổ hội an';
const NEW_PASSWORD = 'bánh mì nóng buổi sáng';
const LINK = /https:\/\/ma\.example\.vn\/dat-lai-mat-khau#token=([\w-]{40,})/;

async function household(email = unique()) {
  const agent = request.agent(app);
  await agent.post('/v1/auth/signup').set('X-Forwarded-For', randomIp()).send({ email, password: PASSWORD }).expect(202);
  return agent;
}
const askReset = (email: string, ip = randomIp()) => request(app).post('/v1/auth/reset-request').set('X-Forwarded-For', ip).send({ email });
async function mailedToken(email: string): Promise<string> {
  const since = sink.received.length;
  await askReset(email).expect(202);
  const mail = await sink.mailTo(email, { since });
  return LINK.exec(mail.text)![1]!;
}
const reset = (token: string, password = NEW_PASSWORD) => request(app).post('/v1/auth/reset').send({ token, password });
const login = (email: string, password: string) =>
  request(app).post('/v1/auth/login').set('X-Forwarded-For', randomIp()).send({ email, password });

describe('password reset by e-mail', () => {
  it('mails a link that sets a new password once, signs in, and ends every other session', async () => {
    const email = unique();
    const elsewhere = await household(email);
    await elsewhere.get('/v1/me').expect(200);
    const since = sink.received.length;
    await askReset(email).expect(202);
    const mail = await sink.mailTo(email, { since });
    expect(mail.raw).toMatch(/^Subject: /m);
    expect(mail.text).toMatch(/Đặt lại mật khẩu|đặt lại mật khẩu/);
    const token = LINK.exec(mail.text)![1]!;
    // only the hash is kept
    expect(await knex('password_resets').where({ token_hash: token }).first()).toBeUndefined();

    const browser = request.agent(app);
    const done = await browser.post('/v1/auth/reset').send({ token, password: NEW_PASSWORD }).expect(200);
    expect(done.body.user.email).toBe(email);
    expect(String(done.headers['set-cookie'])).toMatch(/sid=/);
    await browser.get('/v1/me').expect(200);
    await elsewhere.get('/v1/me').expect(401);
    await login(email, NEW_PASSWORD).expect(200);
    await login(email, PASSWORD).expect(401);
    // the link works once
    const again = await reset(token, 'yet another fine passphrase').expect(400);
    expect(again.body.errors[0].field).toBe('token');
    await login(email, NEW_PASSWORD).expect(200);
  });

  it('a link expires after 30 minutes', async () => {
    const email = unique();
    await household(email);
    const token = await mailedToken(email);
    now += 31 * 60_000;
    await reset(token).expect(400);
    await login(email, PASSWORD).expect(200);
  });

  it('a newer link voids the older one', async () => {
    const email = unique();
    await household(email);
    const first = await mailedToken(email);
    const second = await mailedToken(email);
    expect(second).not.toBe(first);
    await reset(first).expect(400);
    await reset(second).expect(200);
  });

  it('refuses a weak new password and keeps the link usable', async () => {
    const email = unique();
    await household(email);
    const token = await mailedToken(email);
    const weak = await reset(token, 'password123').expect(400);
    expect(weak.body.errors[0]).toMatchObject({ field: 'password' });
    await reset(token).expect(200);
  });

  it('an unknown address sends no mail but answers exactly the same', async () => {
    const known = unique('known');
    await household(known);
    const unknown = unique('nobody');
    const since = sink.received.length;
    const observable = (res: Response) => ({
      status: res.status,
      body: res.body,
      headers: Object.fromEntries(Object.entries(res.headers).filter(([n]) => n !== 'date')),
    });
    const forUnknown = await askReset(unknown);
    const forKnown = await askReset(known);
    expect(observable(forUnknown)).toEqual(observable(forKnown));
    await sink.mailTo(known, { since }); // the known address's mail arrived, so the unknown one's would have
    await new Promise((r) => setTimeout(r, 200));
    expect(sink.received.slice(since).flatMap((m) => m.to)).toEqual([known]);
  });

  it('requests are throttled per client address, and a mailbox gets only a few links', async () => {
    const ip = randomIp();
    for (let i = 0; i < 10; i++) await askReset(unique('any'), ip).expect(202);
    const held = await askReset(unique('any'), ip).expect(429);
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);

    const email = unique('flooded');
    await household(email);
    const since = sink.received.length;
    for (let i = 0; i < 6; i++) await askReset(email).expect(202);
    await new Promise((r) => setTimeout(r, 500));
    expect(sink.received.slice(since).filter((m) => m.to.includes(email))).toHaveLength(3);
  });

  it('sign-up with a taken address mails its owner instead of telling the caller', async () => {
    const email = unique('owner');
    await household(email);
    const since = sink.received.length;
    const res = await request(app)
      .post('/v1/auth/signup')
      .set('X-Forwarded-For', randomIp())
      .send({ email, password: 'kẻ lạ muốn thử đăng ký' })
      .expect(202);
    expect(res.body.user).toBeUndefined();
    const mail = await sink.mailTo(email, { since });
    expect(mail.text).toContain(`${APP_URL}/dat-lai-mat-khau`);
    expect(mail.text).toMatch(/already has one/);
  });

  it('without SMTP, self-service reset says so (503) for every address', async () => {
    const bare = createTestApp();
    try {
      const res = await request(bare.app).post('/v1/auth/reset-request').send({ email: unique() }).expect(503);
      expect(res.body.detail).toMatch(/administrator/);
    } finally {
      await bare.close();
    }
  });
});

describe('reset links from the administrator’s CLI', () => {
  const run = promisify(execFile);
  const cli = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'server/cli/admin.ts', 'reset-link', ...args], {
      env: { ...process.env, DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: 'silent', PUBLIC_URL: APP_URL },
    });

  it('prints a one-time link on PUBLIC_URL for an e-mail or a phone number', async () => {
    const email = unique('cli');
    await household(email);
    const { stdout } = await cli('--email', email);
    const token = LINK.exec(stdout)![1]!;
    await reset(token).expect(200);
    await reset(token).expect(400);
    await login(email, NEW_PASSWORD).expect(200);

    const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
    await request(app)
      .post('/v1/auth/signup')
      .set('X-Forwarded-For', randomIp())
      .send({ phone: `09${digits.slice(0, 1)}${digits.slice(1)}`, password: PASSWORD })
      .expect(202);
    const byPhone = LINK.exec((await cli('--phone', `09${digits}`)).stdout)![1]!;
    const done = await reset(byPhone).expect(200);
    expect(done.body.user.phone).toBe(`+849${digits}`);
  });

  it('says so when no account matches', async () => {
    await expect(cli('--email', unique('ghost'))).rejects.toThrow(/no account has/);
  });
});
