/**
 * The account screens of issue 15 in a real browser at phone size: sign-up with a taken e-mail
 * shows a neutral notice (nobody is signed in), "Đổi mật khẩu" changes the password, a reset link
 * opens its form and signs in (the token leaves the address bar), "Quên mật khẩu?" says when the
 * server sends no mail.
 */
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import type { Knex } from 'knex';
import { describe, expect, test } from 'vitest';
import { hashToken } from '../../server/accounts/middleware.js';
import { createSecurityRepository } from '../../server/accounts/security-repository.js';
import {
  attributeOf,
  browserAvailable,
  eventually,
  newPhonePage,
  textOf,
  useBrowserApp,
  withScreenshotOnFailure,
  signInThroughApp,
} from '../support/browser.js';
import { signedIn } from '../support/users.js';

describe.skipIf(!browserAvailable())('password screens in the web app, in a browser', () => {
  let browser: Browser;
  let origin: string;
  let testApp: { app: Parameters<Parameters<typeof useBrowserApp>[0]>[0]['app']; knex: Knex };
  const track = useBrowserApp((ctx) => {
    ({ browser, origin } = ctx);
    testApp = { app: ctx.app, knex: ctx.knex };
  });
  const phone = async () => track(await newPhonePage(browser));
  const NEW_PASSWORD = 'gió mùa đông bắc về';

  test('sign-up with a taken e-mail: a neutral notice, nobody signed in', async () => {
    const { app, knex } = testApp;
    const owner = await signedIn(app, knex, 'household');
    const page = await phone();
    await withScreenshotOnFailure(page, 'password-1-signup-taken', async () => {
      await page.goto(`${origin}/`);
      await page.click('#account-button');
      await page.click('#auth-switch');
      await page.fill('#auth-id', owner.email);
      await page.fill('#auth-password', 'một mật khẩu khác hẳn');
      await page.click('#auth-submit');
      await eventually(() => textOf(page.locator('#auth-notice'))).toMatch(/^Đã nhận yêu cầu\./);
      expect(await attributeOf(page.locator('#account-button'), 'data-state')).not.toBe('signed-in');
      // a weak password is explained before anything else
      await page.click('#auth-switch');
      await page.fill('#auth-id', `new-${Date.now()}@example.vn`);
      await page.fill('#auth-password', 'password123');
      await page.click('#auth-submit');
      await eventually(() => textOf(page.locator('#auth-password-error'))).toMatch(/quá phổ biến/);
    });
  });

  test('Đổi mật khẩu from the account panel', async () => {
    const { app, knex } = testApp;
    const owner = await signedIn(app, knex, 'household');
    const page = await phone();
    await withScreenshotOnFailure(page, 'password-2-change', async () => {
      await signInThroughApp(page, origin, owner.email, owner.password);
      await page.click('#account-button');
      await page.click('#change-password');
      await eventually(() => textOf(page.locator('.panel-title'))).toBe('Đổi mật khẩu');
      await page.fill('#password-current', 'không phải mật khẩu');
      await page.fill('#password-next', NEW_PASSWORD);
      await page.click('#password-submit');
      await eventually(() => textOf(page.locator('#password-error'))).toBe('Mật khẩu hiện tại không đúng.');
      await page.fill('#password-current', owner.password);
      await page.click('#password-submit');
      await eventually(() => textOf(page.locator('.panel-title'))).toBe('Tài khoản');
    });
    await owner.agent.get('/v1/me').expect(401); // the other session ended
    await request(app).post('/v1/auth/login').send({ email: owner.email, password: NEW_PASSWORD }).expect(200);
  });

  test('a reset link opens its form, signs in, and leaves no token in the address bar; Quên mật khẩu? without mail', async () => {
    const { app, knex } = testApp;
    const owner = await signedIn(app, knex, 'household');
    const token = randomBytes(32).toString('base64url');
    await createSecurityRepository(knex).issueReset(hashToken(token), owner.user.id, new Date(), new Date(Date.now() + 30 * 60_000));
    const page = await phone();
    await withScreenshotOnFailure(page, 'password-3-reset', async () => {
      await page.goto(`${origin}/dat-lai-mat-khau#token=${token}`);
      await eventually(() => textOf(page.locator('.panel-title'))).toBe('Đặt lại mật khẩu');
      expect(page.url()).not.toContain(token);
      await page.fill('#password-next', NEW_PASSWORD);
      await page.click('#password-submit');
      await eventually(() => attributeOf(page.locator('#account-button'), 'data-state')).toBe('signed-in');
    });
    await request(app).post('/v1/auth/login').send({ email: owner.email, password: NEW_PASSWORD }).expect(200);

    const other = await phone();
    await withScreenshotOnFailure(other, 'password-4-forgot', async () => {
      await other.goto(`${origin}/`);
      await other.click('#account-button');
      await other.fill('#auth-id', owner.email);
      await other.click('#forgot-password');
      await eventually(() => textOf(other.locator('.panel-title'))).toBe('Quên mật khẩu');
      expect(await other.inputValue('#password-email')).toBe(owner.email);
      await other.click('#password-submit');
      await eventually(() => textOf(other.locator('#password-error'))).toMatch(/không gửi e-mail/);
    });
  });
});
