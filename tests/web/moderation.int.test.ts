/**
 * Community moderation and the commune console in a real browser (Chromium, WebGL through
 * SwiftShader) against the real API and test database:
 * (1) a household signs up and proposes an edit; the ward's staff approve it in /console; the
 *     history shows both versions; a household may not restore, the staff restore the older one;
 * (2) staff digitise a house with a click, a number and Enter; then import a CSV: the dry run shows
 *     the bad row, the commit stays refused until a clean file is chosen, then it commits and the
 *     points appear.
 * A script error in a page fails the test.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { createAccountsRepository } from '../../server/accounts/repository.js';
import { createAccountsService } from '../../server/accounts/service.js';
import {
  attributeOf,
  browserAvailable,
  eventually,
  newDesktopPage,
  newPhonePage,
  snapshot,
  textOf,
  useBrowserApp,
  withScreenshotOnFailure,
} from '../support/browser.js';

/** In Phường Hoàn Kiếm, away from the points the other browser tests register. */
const EDITED = { lat: 21.0318, lng: 105.8505 };
const PASSWORD = 'mật khẩu đủ dài';

describe.skipIf(!browserAvailable())('moderation and the commune console in a browser', () => {
  let browser: Browser;
  let origin: string;
  let createStaff: (wardCode: string) => Promise<string>;
  const track = useBrowserApp((ctx) => {
    browser = ctx.browser;
    origin = ctx.origin;
    const accounts = createAccountsService(createAccountsRepository(ctx.knex));
    let n = 0;
    createStaff = async (wardCode) => {
      const email = `staff-${process.pid}-${Date.now()}-${n++}@example.vn`;
      await accounts.createUser({ email }, PASSWORD, 'staff', [wardCode]);
      return email;
    };
  });
  const api = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(origin + path, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
    return { status: response.status, body: await response.json() };
  };
  /** Signs staff in at /console and waits for their ward to load. */
  const staffConsole = async (email: string) => {
    const page = track(await newDesktopPage(browser));
    await page.goto(`${origin}/console`);
    await page.fill('#auth-id', email);
    await page.fill('#auth-password', PASSWORD);
    await page.click('#auth-submit');
    await eventually(() => textOf(page.locator('#ward-title'))).toBe('Phường Hoàn Kiếm');
    await page.waitForSelector('#console-map[data-state="ready"]', { timeout: 20_000 });
    return page;
  };

  test('(1) a proposal goes from a household through the staff review queue, and the history can be restored', async () => {
    const created = await api('/v1/addresses', {
      method: 'POST',
      body: JSON.stringify({ ...EDITED, details: { houseNumber: '12', street: 'Hàng Gai' } }),
    });
    expect(created.status).toBe(201);
    const code: string = created.body.code;
    const wardCode: string = created.body.admin.ward.code;
    const staffEmail = await createStaff(wardCode);

    // a household signs up (phone size), opens the address and proposes a new house number
    const home = track(await newPhonePage(browser));
    await withScreenshotOnFailure(home, 'moderation-1-household', async () => {
      await home.goto(`${origin}/`);
      await home.click('#account-button');
      await eventually(() => textOf(home.locator('.panel-title'))).toBe('Đăng nhập');
      await home.click('#auth-switch');
      await home.fill('#auth-id', `household-${Date.now()}@example.vn`);
      await home.fill('#auth-password', PASSWORD);
      await home.click('#auth-submit');
      await eventually(() => attributeOf(home.locator('#account-button'), 'data-state')).toBe('signed-in');
      await snapshot(home, 'm1-signed-up');

      await home.goto(`${origin}/${code}`);
      await home.click('#propose-edit');
      await eventually(() => home.locator('#edit-houseNumber').inputValue()).toBe('12');
      await home.fill('#edit-houseNumber', '14');
      await home.fill('#edit-reason', 'Số nhà mới sau khi đánh lại số');
      await snapshot(home, 'm2-propose');
      await home.click('#send-edit');
      await eventually(() => textOf(home.locator('#place-notice'))).toBe('Đã gửi, chờ duyệt.');
      // pending: nothing changed yet
      expect((await api(`/v1/codes/${code}`)).body.address.details.houseNumber).toBe('12');
    });

    // the ward's staff see it in their queue, beside the address as it is, and approve it
    const desk = await staffConsole(staffEmail);
    await withScreenshotOnFailure(desk, 'moderation-1-staff', async () => {
      const card = desk.locator(`.proposal[data-code="${code}"]`);
      await eventually(() => textOf(card.locator('tr[data-field="houseNumber"] .review-current'))).toBe('12');
      expect(await textOf(card.locator('tr[data-field="houseNumber"] .review-proposed'))).toBe('14');
      expect(await textOf(card.locator('.proposal-reason'))).toContain('đánh lại số');
      await snapshot(desk, 'm3-queue');
      await card.locator('.approve').click();
      await eventually(() => textOf(desk.locator('#queue-notice'))).toMatch(/^Đã duyệt đề xuất #\d+\.$/);
      await eventually(() => desk.locator(`.proposal[data-code="${code}"]`).count()).toBe(0);
      expect((await api(`/v1/codes/${code}`)).body.address.details.houseNumber).toBe('14');
    });

    // the household sees it approved in "My proposals", and its code opens the address
    await withScreenshotOnFailure(home, 'moderation-1-household-mine', async () => {
      await home.click('#account-button');
      const mine = home.locator(`.my-proposal[data-code="${code}"]`);
      await eventually(() => attributeOf(mine, 'data-status')).toBe('approved');
      expect(await textOf(mine.locator('.my-proposal-status'))).toBe('Đã duyệt');
      expect(await textOf(mine.locator('.my-proposal-summary'))).toBe('Số nhà: 14');
      expect(await mine.locator('.my-proposal-reason').count()).toBe(0);
      const open = mine.locator('.my-proposal-code');
      expect(await attributeOf(open, 'aria-label')).toBe(`Mở địa chỉ ${code}`);
      expect((await open.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await open.click();
      await eventually(async () => new URL(home.url()).pathname).toBe(`/${code}`);
    });

    // the history shows both versions; a household may not restore the old one
    await withScreenshotOnFailure(home, 'moderation-1-household-history', async () => {
      await home.goto(`${origin}/${code}`);
      await home.click('#open-history');
      await eventually(() => home.locator('.version').count()).toBe(2);
      const newest = home.locator('.version').first();
      expect(await attributeOf(newest, 'data-kind')).toBe('proposal');
      expect(await textOf(newest.locator('.change[data-field="houseNumber"]'))).toBe('Số nhà: 12 → 14');
      expect(await textOf(home.locator('.version[data-version="1"] .version-head'))).toContain('Đăng ký');
      await home.click('.restore[data-version="1"]');
      await eventually(() => textOf(home.locator('#history-notice'))).toBe(
        'Chỉ chủ địa chỉ hoặc cán bộ phường/xã mới khôi phục được phiên bản cũ.',
      );
      await snapshot(home, 'm4-history-household');
    });

    // the staff restore version 1: a third version, and the address is as it was
    await withScreenshotOnFailure(desk, 'moderation-1-staff-restore', async () => {
      await desk.goto(`${origin}/${code}`);
      await desk.click('#open-history');
      await eventually(() => desk.locator('.version').count()).toBe(2);
      expect(await textOf(desk.locator('.version').first().locator('.version-by'))).toMatch(/^Người sửa: #\d+$/);
      await desk.click('.restore[data-version="1"]');
      await eventually(() => textOf(desk.locator('#history-notice'))).toBe('Đã khôi phục phiên bản 1.');
      await eventually(() => desk.locator('.version').count()).toBe(3);
      const newest = desk.locator('.version').first();
      expect(await attributeOf(newest, 'data-kind')).toBe('restored');
      expect(await textOf(newest.locator('.change[data-field="houseNumber"]'))).toBe('Số nhà: 14 → 12');
      await snapshot(desk, 'm5-history-restored');
      const after = (await api(`/v1/codes/${code}`)).body.address;
      expect(after.details.houseNumber).toBe('12');
      expect(after.version).toBe(3);
    });
  });

  test('(2) staff digitise a house; an import with a bad row is refused until a clean file is chosen, then commits and shows the points', async () => {
    const rows = [0, 1, 2].map((i) => ({
      lat: (21.0292 + i * 0.0002).toFixed(6),
      lng: (105.8535 + i * 0.0002).toFixed(6),
      houseNumber: String(40 + i),
    }));
    const first: string = (await api(`/v1/encode?lat=${rows[0]!.lat}&lng=${rows[0]!.lng}`)).body.code;
    const ward: string = (await api(`/v1/codes/${first}`)).body.admin.ward.code;
    const staffEmail = await createStaff(ward);
    const csv = (lines: string[]) => ['lat,lng,house_number,street', ...lines].join('\n') + '\n';
    const good = rows.map((r) => `${r.lat},${r.lng},${r.houseNumber},Hàng Bạc`);
    const bad = csv([good[0]!, `abc,${rows[1]!.lng},${rows[1]!.houseNumber},Hàng Bạc`, good[2]!]);
    const fixed = csv(good);
    const file = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

    const desk = await staffConsole(staffEmail);
    await withScreenshotOnFailure(desk, 'moderation-2-import', async () => {
      await eventually(() => attributeOf(desk.locator('#console-map'), 'data-address-count')).not.toBeNull();
      const count = async () => Number(await attributeOf(desk.locator('#console-map'), 'data-address-count'));
      const start = await count();

      // fast digitising: click a house (the middle of the ward's map), type its number, Enter
      await desk.click('#tab-digitise');
      await desk.click('#digitise-toggle');
      await desk.fill('#digitise-street', 'Hàng Bạc');
      const box = (await desk.locator('#console-map canvas').boundingBox())!;
      await desk.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await desk.locator('#digitise-number').waitFor();
      await eventually(() => desk.evaluate(() => document.activeElement?.id)).toBe('digitise-number');
      await desk.keyboard.press('Escape'); // Esc cancels
      await eventually(() => desk.locator('#digitise-number').count()).toBe(0);
      await desk.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await eventually(() => desk.evaluate(() => document.activeElement?.id)).toBe('digitise-number');
      await desk.keyboard.type('99');
      await snapshot(desk, 'm6-digitise');
      await desk.keyboard.press('Enter');
      await eventually(() => textOf(desk.locator('#digitise-notice'))).toMatch(/^Đã tạo [0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}\.$/);
      const digitised = (await textOf(desk.locator('#digitise-notice')))!.slice('Đã tạo '.length, -1);
      await eventually(count).toBe(start + 1);
      const made = (await api(`/v1/codes/${digitised}`)).body.address;
      expect(made.details).toMatchObject({ houseNumber: '99', street: 'Hàng Bạc' });
      expect(made.status).toBe('verified'); // staff of the ward register verified addresses
      // the street stays for the next house
      expect(await desk.locator('#digitise-street').inputValue()).toBe('Hàng Bạc');
      const before = await count();
      await desk.click('#tab-import');

      // the dry run names the bad row; nothing can be committed
      await desk.setInputFiles('#import-file', file('dia-chi.csv', bad));
      await eventually(() => textOf(desk.locator('#import-summary'))).toBe('Tổng 3 dòng: 2 hợp lệ, 1 lỗi.');
      const errorRow = desk.locator('#import-report .row-error');
      expect(await errorRow.count()).toBe(1);
      expect(await attributeOf(errorRow, 'data-row')).toBe('2');
      expect(await textOf(errorRow.locator('td'))).toContain('abc');
      expect(await desk.locator('#import-commit').isDisabled()).toBe(true);
      await snapshot(desk, 'm7-import-bad');

      // the server refuses such a commit too, and writes nothing
      const refused = await desk.context().request.post(`${origin}/v1/wards/${ward}/imports?dryRun=false`, {
        data: bad,
        headers: { 'content-type': 'text/csv', origin },
      });
      expect(refused.status()).toBe(422);
      expect((await api(`/v1/codes/${first}`)).body.registered).toBe(false);

      // a clean file: all rows valid, commit, and the points are on the map
      await desk.setInputFiles('#import-file', file('dia-chi-da-sua.csv', fixed));
      await eventually(() => textOf(desk.locator('#import-summary'))).toBe('Tổng 3 dòng: 3 hợp lệ, 0 lỗi.');
      expect(await desk.locator('#import-report .row-error').count()).toBe(0);
      await eventually(() => desk.locator('#import-commit').isDisabled()).toBe(false);
      expect(await textOf(desk.locator('#import-commit'))).toBe('Nhập 3 địa chỉ');
      await desk.click('#import-commit');
      await eventually(() => textOf(desk.locator('#import-done'))).toBe('Đã nhập 3 địa chỉ.');
      await eventually(() => attributeOf(desk.locator('#console-map'), 'data-address-count')).toBe(String(before + 3));
      expect((await api(`/v1/codes/${first}`)).body.address.details.houseNumber).toBe('40');
      await desk.click('#tab-stats');
      await eventually(() => textOf(desk.locator('#stat-addresses dd'))).toBe(String(before + 3));
      await snapshot(desk, 'm8-imported');
    });
  });
});
