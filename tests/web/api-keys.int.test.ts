/**
 * "Khoá API" in the household web app, in a real browser (Chromium) at phone size against the
 * real API and test database: a company signs in, creates a read key restricted to an origin,
 * reads it from the page (shown once), uses it against the API, sees the metered usage, rotates
 * it (the old key stops, the new one works) and revokes it; the API's own error detail is shown
 * when the account holds too many keys. The pure helpers the screen uses are checked first.
 */
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { encode, formatCode } from '../../server/codes/codec.js';
import {
  barPercent,
  formatDay,
  lastDays,
  parseOrigins,
  usageSeries,
  usageTotals,
  vietnamDay,
} from '../../web/src/features/api-keys/api-keys.js';
import type { Knex } from 'knex';
import {
  attributeOf,
  browserAvailable,
  eventually,
  newPhonePage,
  snapshot,
  textOf,
  useBrowserApp,
  withScreenshotOnFailure,
  signInThroughApp,
} from '../support/browser.js';
import { signedIn } from '../support/users.js';

const CODE = '25M-SN9-S32';
const KEY_FORM = /^vnac_[0-9a-hjkmnp-tv-z]{32}$/;

describe('the API keys screen, pure parts', () => {
  test('allowed origins as people type them: commas, lines, a trailing slash, upper case, duplicates', () => {
    expect(parseOrigins('')).toEqual({ origins: [], bad: [] });
    expect(parseOrigins(' https://Shop.Example.vn/ ,\nhttp://localhost:5173\nhttps://shop.example.vn;https://a.vn:443')).toEqual({
      origins: ['https://shop.example.vn', 'http://localhost:5173', 'https://a.vn'],
      bad: [],
    });
    expect(parseOrigins('shop.example.vn, https://a.vn/path, ftp://a.vn, https://ok.vn').bad).toEqual([
      'shop.example.vn',
      'https://a.vn/path',
      'ftp://a.vn',
    ]);
  });

  test('usage: every one of the last 30 days, newest first, zeros filled in, totals and bar heights', () => {
    expect(vietnamDay(Date.parse('2026-05-11T17:00:00Z'))).toBe('2026-05-12'); // midnight in Hà Nội
    expect(vietnamDay(Date.parse('2026-05-11T16:59:59Z'))).toBe('2026-05-11');
    expect(lastDays('2026-03-01', 3)).toEqual(['2026-03-01', '2026-02-28', '2026-02-27']);
    const series = usageSeries(
      [
        { day: '2026-02-28', requests: 5, codes: 12, errors: 1 },
        { day: '2025-01-01', requests: 9, codes: 9, errors: 0 },
      ],
      '2026-03-01',
    );
    expect(series).toHaveLength(30);
    expect(series[0]).toEqual({ day: '2026-03-01', requests: 0, codes: 0, errors: 0 });
    expect(series[1]).toEqual({ day: '2026-02-28', requests: 5, codes: 12, errors: 1 });
    expect(usageTotals(series)).toEqual({ requests: 5, codes: 12, errors: 1 }); // the day outside the 30 is left out
    expect([barPercent(0, 10), barPercent(10, 10), barPercent(1, 1000), barPercent(5, 10)]).toEqual([0, 100, 4, 50]);
    expect(formatDay('2026-02-28')).toBe('28/02/2026');
  });
});

describe.skipIf(!browserAvailable())('API keys in the web app, in a browser', () => {
  let browser: Browser;
  let origin: string;
  let testApp: { app: Parameters<Parameters<typeof useBrowserApp>[0]>[0]['app']; knex: Knex };
  const track = useBrowserApp((ctx) => {
    ({ browser, origin } = ctx);
    testApp = { app: ctx.app, knex: ctx.knex };
  });
  const phone = async () => track(await newPhonePage(browser));
  const lookup = (key: string, from?: string) => {
    const call = request(testApp.app).get(`/v1/codes/${CODE}`).set('X-API-Key', key);
    return from ? call.set('Origin', from) : call;
  };
  const item = (page: Page, id: string) => page.locator(`.api-key[data-id="${id}"]`);

  test('create a key (shown once), use it, see its usage, rotate it and revoke it', async () => {
    const { app, knex } = testApp;
    const owner = await signedIn(app, knex, 'household');
    const page = await phone();

    await withScreenshotOnFailure(page, 'api-keys-1-create', async () => {
      // sign in through the app, then open the account panel and its API keys
      await signInThroughApp(page, origin, owner.email, owner.password);
      await page.click('#account-button');
      await page.click('#open-api-keys');
      await eventually(() => textOf(page.locator('.panel-title'))).toBe('Khoá API');
      await eventually(() => textOf(page.locator('#keys-empty'))).toBe('Bạn chưa có khoá API nào.');

      // a typo in the origins is caught before anything is sent
      await page.fill('#key-name', 'Kho Hà Nội');
      await page.fill('#key-origins', 'shop.example.vn');
      await page.click('#key-create');
      await eventually(() => textOf(page.locator('#key-origins-error'))).toBe(
        'Không phải địa chỉ trang web (https://tên-miền): shop.example.vn',
      );
      expect((await owner.agent.get('/v1/keys').expect(200)).body.keys).toEqual([]);

      // the labelled controls; Enter in the name field sends the form
      expect(await textOf(page.locator('label[for="key-scope"]'))).toBe('Quyền');
      await page.selectOption('#key-scope', 'read');
      await page.fill('#key-origins', 'https://Shop.Example.vn/\nhttp://localhost:5173');
      await page.focus('#key-name');
      await page.keyboard.press('Enter');
      await eventually(() => textOf(page.locator('#new-key-value'))).toMatch(KEY_FORM);
    });

    const key = (await textOf(page.locator('#new-key-value')))!;
    const id = (await attributeOf(page.locator('#new-key'), 'data-id'))!;
    await withScreenshotOnFailure(page, 'api-keys-2-shown-once', async () => {
      expect(await textOf(page.locator('#new-key-warning'))).toBe('Chỉ hiển thị một lần — hãy lưu lại ngay');
      expect(await textOf(page.locator('#new-key-title'))).toBe('Khoá mới: Kho Hà Nội');
      await snapshot(page, 'k1-new-key');
      // listed without the key itself: its prefix, scope and origins as the API normalised them
      const listed = item(page, id);
      await eventually(() => attributeOf(listed, 'data-state')).toBe('active');
      expect(await textOf(listed.locator('.api-key-name'))).toBe('Kho Hà Nội');
      expect(await textOf(listed.locator('.api-key-prefix'))).toBe(`${key.slice(0, 12)}…`);
      expect(await textOf(listed.locator('.api-key-scope'))).toBe('Chỉ đọc');
      expect(await textOf(listed.locator('.api-key-origins'))).toBe('https://shop.example.vn, http://localhost:5173');
      expect(await textOf(listed.locator('.api-key-used'))).toBe('Chưa dùng');
      expect(await listed.textContent()).not.toContain(key);
      // never kept by the browser: not in storage, not in the address
      const stored = await page.evaluate(
        () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href + document.cookie,
      );
      expect(stored).not.toContain(key);
      expect(stored).not.toContain(key.slice(5));
      // phone width: nothing wider than the screen, the long key wraps
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(
        await page.evaluate(() => {
          const p = document.getElementById('panel')!;
          return p.scrollWidth - p.clientWidth;
        }),
      ).toBeLessThanOrEqual(0);
      const saved = (await owner.agent.get('/v1/keys').expect(200)).body.keys;
      expect(saved).toHaveLength(1);
      expect(saved[0]).toMatchObject({
        id,
        name: 'Kho Hà Nội',
        scope: 'read',
        allowedOrigins: ['https://shop.example.vn', 'http://localhost:5173'],
      });
    });

    // the key works against the API, from anywhere server-side and from its own origin, not from another
    await lookup(key).expect(200);
    await lookup(key).expect(200);
    await lookup(key, 'https://shop.example.vn').expect(200);
    await lookup(key, 'https://evil.example').expect(403); // refused at the gate: not metered
    await request(app).get('/v1/codes/25M-SN9-S33').set('X-API-Key', key).expect(400); // a wrong check character: an error
    const codes = Array.from({ length: 6 }, (_, i) => formatCode(encode(21.02 + i * 0.001, 105.83)!));
    await request(app).post('/v1/codes/lookup').set('X-API-Key', key).send({ codes }).expect(200); // six codes in one request
    await app.flushUsage();
    const truth = (await owner.agent.get(`/v1/keys/${id}/usage`).expect(200)).body.days;
    expect(truth).toHaveLength(1);
    expect(truth[0]).toMatchObject({ day: vietnamDay(Date.now()), requests: 5, errors: 1 });
    expect(truth[0].codes).toBeGreaterThanOrEqual(9); // so that the table's columns cannot be mixed up unnoticed

    await withScreenshotOnFailure(page, 'api-keys-3-usage', async () => {
      await page.click('#dismiss-new-key');
      await eventually(() => page.locator('#new-key').count()).toBe(0);
      expect(await page.content()).not.toContain(key);
      const toggle = page.locator(`#key-usage-toggle-${id}`);
      expect(await attributeOf(toggle, 'aria-expanded')).toBe('false');
      await toggle.click();
      const usage = page.locator(`#key-usage-${id}`);
      const today = usage.locator(`tbody tr[data-day="${vietnamDay(Date.now())}"]`);
      await eventually(() => textOf(today.locator('.usage-requests'))).toBe('5');
      expect(await textOf(today.locator('th'))).toBe(formatDay(vietnamDay(Date.now())));
      expect(await textOf(today.locator('.usage-codes'))).toBe(String(truth[0].codes));
      expect(await textOf(today.locator('.usage-errors'))).toBe('1');
      expect(await usage.locator('tbody tr').count()).toBe(1);
      expect(await textOf(usage.locator('.usage-total .usage-requests'))).toBe('5');
      expect(await textOf(usage.locator('.usage-total .usage-codes'))).toBe(String(truth[0].codes));
      expect(await textOf(usage.locator('.usage-total .usage-errors'))).toBe('1');
      expect(await textOf(usage.locator('.usage-total th'))).toBe('Tổng');
      expect(await attributeOf(page.locator(`#key-usage-toggle-${id}`), 'aria-expanded')).toBe('true');
      // 30 bars, today's the tallest; the others empty
      const bars = usage.locator('.usage-bar');
      expect(await bars.count()).toBe(30);
      expect(await bars.last().evaluate((el) => (el as HTMLElement).style.height)).toBe('100%');
      expect(await bars.first().evaluate((el) => (el as HTMLElement).style.height)).toBe('0%');
      await snapshot(page, 'k2-usage');
    });

    // rotate: asked first (Cancel keeps the key), then a new key shown once; the old one stops
    let newKey = '';
    let newId = '';
    await withScreenshotOnFailure(page, 'api-keys-4-rotate', async () => {
      await page.click(`#key-rotate-${id}`);
      await eventually(() => textOf(page.locator('#key-confirm-text'))).toContain('Tạo khoá mới thay cho “Kho Hà Nội”?');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('key-confirm-yes');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter'); // Cancel, by keyboard
      await eventually(() => page.locator('#key-confirm-text').count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(`key-rotate-${id}`);
      await lookup(key).expect(200);

      await page.keyboard.press('Enter'); // Rotate again, by keyboard
      await page.click('#key-confirm-yes');
      await eventually(() => textOf(page.locator('#new-key-value'))).toMatch(KEY_FORM);
      newKey = (await textOf(page.locator('#new-key-value')))!;
      newId = (await attributeOf(page.locator('#new-key'), 'data-id'))!;
      expect(newKey).not.toBe(key);
      expect(newId).not.toBe(id);
      expect(await textOf(page.locator('#new-key-title'))).toBe('Khoá mới thay cho khoá cũ: Kho Hà Nội');
      await eventually(() => attributeOf(item(page, id), 'data-state')).toBe('revoked');
      expect(await textOf(item(page, id).locator('.api-key-state'))).toBe('Đã thu hồi');
      expect(await item(page, id).locator('.key-rotate, .key-revoke').count()).toBe(0);
      expect(await textOf(item(page, id).locator('.api-key-used'))).not.toBe('Chưa dùng'); // the flushed usage marked it used
      expect(await attributeOf(item(page, newId), 'data-state')).toBe('active');
      expect(await textOf(item(page, newId).locator('.api-key-origins'))).toBe('https://shop.example.vn, http://localhost:5173');
      // active keys first
      expect(await page.locator('.api-key').first().getAttribute('data-id')).toBe(newId);
      await snapshot(page, 'k3-rotated');
    });
    await lookup(key).expect(401);
    await lookup(newKey).expect(200);

    // leaving the screen forgets the key shown once
    await withScreenshotOnFailure(page, 'api-keys-5-leave', async () => {
      await page.click('#keys-back');
      await eventually(() => textOf(page.locator('.panel-title'))).toBe('Tài khoản');
      await page.click('#open-api-keys');
      await eventually(() => attributeOf(item(page, newId), 'data-state')).toBe('active');
      expect(await page.locator('#new-key').count()).toBe(0);
      expect(await page.content()).not.toContain(newKey);
    });

    // revoke: asked first, then the key stops working
    await withScreenshotOnFailure(page, 'api-keys-6-revoke', async () => {
      await page.click(`#key-revoke-${newId}`);
      await eventually(() => textOf(page.locator('#key-confirm-text'))).toBe(
        'Thu hồi khoá “Kho Hà Nội”? Khoá sẽ ngừng hoạt động ngay và không dùng lại được.',
      );
      await page.click('#key-confirm-yes');
      await eventually(() => textOf(page.locator('#keys-notice'))).toBe('Đã thu hồi khoá “Kho Hà Nội”.');
      await eventually(() => attributeOf(item(page, newId), 'data-state')).toBe('revoked');
      expect(await page.locator('.api-key[data-state="active"]').count()).toBe(0);
    });
    await lookup(newKey).expect(401);

    // the API's refusal is shown with its own words: an account holds at most 20 active keys
    for (let i = 0; i < 20; i++)
      await owner.agent
        .post('/v1/keys')
        .send({ name: `máy ${i}` })
        .expect(201);
    await withScreenshotOnFailure(page, 'api-keys-7-too-many', async () => {
      await page.fill('#key-name', 'Một khoá nữa');
      await page.click('#key-create');
      await eventually(() => textOf(page.locator('#key-form-error'))).toBe(
        'Không thực hiện được: An account may hold 20 active keys; revoke one first.',
      );
      expect(await page.locator('#new-key').count()).toBe(0);
    });

    // and in English, through the same dictionary
    await withScreenshotOnFailure(page, 'api-keys-8-english', async () => {
      await page.click('#lang-switch');
      await eventually(() => textOf(page.locator('.panel-title'))).toBe('API keys');
      expect(await textOf(item(page, newId).locator('.api-key-scope'))).toBe('Read only');
      expect(await textOf(item(page, newId).locator('.api-key-state'))).toBe('Revoked');
    });
  });
});
