/**
 * Search-as-you-type in the household app, in a real browser at phone size against the real API:
 * a registered address found by house number and street and opened with the keyboard, a ward
 * found without diacritics and chosen by tap (the map goes there), Enter on an address, the
 * English tags, and a failing search that leaves the code lookup working.
 */
import type { Knex } from 'knex';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { looksLikeCode, splitLabel, zoomFor } from '../../web/src/features/search/search.js';
import {
  attributeOf,
  browserAvailable,
  eventually,
  newPhonePage,
  textOf,
  useBrowserApp,
  withScreenshotOnFailure,
} from '../support/browser.js';
import { pointsIn } from '../support/users.js';

const HOAN_KIEM_CODE = '25M-SN9-S32';
type Result = { type: string; label: string; code?: string; lat: number; lng: number };

describe('what Enter reads as a code', () => {
  test('codes, whole, grouped, mistyped or with a unit, are codes; addresses and places are not', () => {
    for (const text of ['25M-SN9-S32', '25m sn9 s32', '25msn9s32', '25MSN9S3', '25M-SN9-S32/P302', '25msn9 s32'])
      expect(looksLikeCode(text), text).toBe(true);
    for (const text of ['hoan kiem', '59 quoc tu', '12 hang bac', '123 hang bac', 'Phường Hoàn Kiếm', '59', 'ngo thi nham', 'hoangliet'])
      expect(looksLikeCode(text), text).toBe(false);
  });

  test('streets close up, wards nearer than provinces; labels split after their first part', () => {
    expect(zoomFor('street')).toBe(16);
    expect(zoomFor('ward')).toBe(13);
    expect(zoomFor('province')).toBe(8);
    expect(splitLabel('59 Phố Quốc Tử Giám, Phường Văn Miếu - Quốc Tử Giám, Thành phố Hà Nội')).toEqual({
      main: '59 Phố Quốc Tử Giám',
      rest: 'Phường Văn Miếu - Quốc Tử Giám, Thành phố Hà Nội',
    });
  });
});

describe.skipIf(!browserAvailable())('search as you type in a browser', () => {
  let browser: Browser;
  let origin: string;
  /** 59 Phố Quốc Tử Giám, registered inside Văn Miếu - Quốc Tử Giám (00226) */
  let code = '';
  let knex: Knex;
  const track = useBrowserApp(async (ctx) => {
    browser = ctx.browser;
    origin = ctx.origin;
    knex = ctx.knex;
    const [point] = await pointsIn(ctx.knex, '00226', 1);
    const response = await fetch(`${origin}/v1/addresses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...point, details: { houseNumber: '59', street: 'Phố Quốc Tử Giám' } }),
    });
    expect(response.status).toBe(201);
    code = ((await response.json()) as { code: string }).code;
  });

  // The run's database is shared by the test files, and tests/search registers a 59 Phố Quốc Tử Giám
  // of its own that it expects to find first: this one goes again. (After-hooks run in reverse: the
  // harness closes the database after this.)
  afterAll(async () => {
    if (!code) return;
    const deleted = await knex('addresses')
      .where({ code: code.replaceAll('-', ''), unit: '' })
      .del();
    expect(deleted).toBe(1);
  });

  const open = async () => {
    const page = track(await newPhonePage(browser));
    await page.goto(`${origin}/`);
    await page.waitForSelector('#search-input[role="combobox"]');
    return page;
  };
  const search = async (q: string): Promise<Result[]> =>
    ((await (await fetch(`${origin}/v1/search?q=${encodeURIComponent(q)}`)).json()) as { results: Result[] }).results;
  const mapReady = (page: Page) => page.waitForSelector('#map[data-state="ready"]', { timeout: 20_000 });
  const input = (page: Page) => page.locator('#search-input');
  const options = (page: Page) => page.locator('#search-results [role="option"]');

  test('"59 quoc tu" lists the registered address; arrow keys and Enter open its code', async () => {
    const page = await open();
    await withScreenshotOnFailure(page, 'search-address-keyboard', async () => {
      await input(page).click();
      await input(page).pressSequentially('59 quoc tu', { delay: 30 });
      await eventually(() => attributeOf(input(page), 'aria-expanded')).toBe('true');
      // other test files may register a 59 Phố Quốc Tử Giám of their own: this one is told by its code
      const address = options(page)
        .filter({ hasText: '59 Phố Quốc Tử Giám' })
        .and(page.locator(`[data-code="${code}"]`));
      await eventually(() => address.count()).toBe(1);
      expect(await textOf(address.locator('.search-tag'))).toBe('Địa chỉ');
      expect(await page.locator('#search-results').isVisible()).toBe(true);
      expect(await attributeOf(input(page), 'aria-controls')).toBe('search-results');
      expect(await attributeOf(page.locator('#search-results'), 'role')).toBe('listbox');

      // the list fits a 360 px screen and its rows are big enough to tap
      const box = (await page.locator('#search-results').boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(360);
      expect((await address.boundingBox())!.height).toBeGreaterThanOrEqual(48);

      // nothing highlighted until an arrow key; then the highlight is the active descendant
      expect(await attributeOf(input(page), 'aria-activedescendant')).toBeNull();
      const codes = await options(page).evaluateAll((items) => items.map((item) => item.getAttribute('data-code')));
      const index = codes.indexOf(code);
      expect(index).toBeGreaterThanOrEqual(0);
      for (let i = 0; i <= index; i++) await input(page).press('ArrowDown');
      const id = await address.getAttribute('id');
      expect(await attributeOf(input(page), 'aria-activedescendant')).toBe(id);
      expect(await address.getAttribute('aria-selected')).toBe('true');
      expect(await options(page).and(page.locator('[aria-selected="true"]')).count()).toBe(1);
      await input(page).press('ArrowDown');
      await input(page).press('ArrowUp');
      expect(await attributeOf(input(page), 'aria-activedescendant')).toBe(id);

      await input(page).press('Enter');
      await eventually(() => textOf(page.locator('#big-code'))).toBe(code);
      expect(await attributeOf(input(page), 'aria-expanded')).toBe('false');
      expect(await page.locator('#search-results').isVisible()).toBe(false);
      expect(await input(page).inputValue()).toBe(code);
      expect(new URL(page.url()).pathname).toBe(`/${code}`);
    });
  });

  test('"hoan kiem" lists Phường Hoàn Kiếm as a ward; a tap closes the list, puts the label in the box and moves the map there', async () => {
    const page = await open();
    await withScreenshotOnFailure(page, 'search-ward-tap', async () => {
      await mapReady(page);
      const [expected] = (await search('hoan kiem')).filter((r) => r.type === 'ward' && r.label.startsWith('Phường Hoàn Kiếm'));
      expect(expected).toBeDefined();

      await input(page).fill('hoan kiem');
      const ward = options(page).filter({ hasText: 'Phường Hoàn Kiếm' });
      await eventually(() => ward.count()).toBeGreaterThan(0);
      expect(await textOf(ward.first().locator('.search-tag'))).toBe('Phường/xã');

      // Escape closes the list; the arrow key opens it again
      await input(page).press('Escape');
      await eventually(() => attributeOf(input(page), 'aria-expanded')).toBe('false');
      expect(await input(page).inputValue()).toBe('hoan kiem');
      await input(page).press('ArrowDown');
      await eventually(() => attributeOf(input(page), 'aria-expanded')).toBe('true');

      await ward.first().click();
      await eventually(() => attributeOf(input(page), 'aria-expanded')).toBe('false');
      expect(await page.locator('#search-results').isVisible()).toBe(false);
      expect(await input(page).inputValue()).toBe(expected!.label);
      expect(await page.locator('#big-code').count()).toBe(0); // a ward is not a code: the panel stays

      // the map went there: the next search is ranked from the ward's point
      const request = page.waitForRequest((r) => r.url().includes('/v1/search?'));
      await input(page).fill('hang');
      const near = new URL((await request).url()).searchParams.get('near');
      expect(near).not.toBeNull();
      const [lat, lng] = near!.split(',').map(Number);
      expect(lat).toBeCloseTo(expected!.lat, 3);
      expect(lng).toBeCloseTo(expected!.lng, 3);
    });
  });

  test('Enter on an address, before any list, opens its first result; tags follow the language', async () => {
    const page = await open();
    await withScreenshotOnFailure(page, 'search-enter-first', async () => {
      // Enter comes before the pause that would show the list: the search is asked for at once
      const answer = page.waitForResponse(
        (r) => r.url().includes('/v1/search?') && new URL(r.url()).searchParams.get('q') === '59 quoc tu',
      );
      await input(page).fill('59 quoc tu');
      await input(page).press('Enter');
      // the app may navigate before the body is read (the browser then drops it): ask the same URL again
      const asked = (await answer).url();
      const first = ((await (await page.request.get(asked)).json()) as { results: Result[] }).results[0]!;
      expect(first).toMatchObject({ type: 'address', label: expect.stringMatching(/^59 Phố Quốc Tử Giám, /) });
      await eventually(() => textOf(page.locator('#big-code'))).toBe(first.code);
      expect(await attributeOf(input(page), 'aria-expanded')).toBe('false');

      await page.click('#lang-switch');
      await eventually(() => attributeOf(page.locator('html'), 'lang')).toBe('en');
      await input(page).fill('hoan kiem');
      const ward = options(page).filter({ hasText: 'Phường Hoàn Kiếm' });
      await eventually(() => textOf(ward.first().locator('.search-tag'))).toBe('Ward');
      expect(await attributeOf(page.locator('#search-results'), 'aria-label')).toBe('Search results');
    });
  });

  test('a failing search shows no list, and a typed code is still looked up', async () => {
    const page = await open();
    await withScreenshotOnFailure(page, 'search-offline', async () => {
      await page.route('**/v1/search?**', (route) => route.abort('internetdisconnected'));
      const failed = page.waitForEvent('requestfailed', (r) => r.url().includes('/v1/search?'));
      await input(page).fill('hoan kiem');
      await failed;
      await page.waitForTimeout(100);
      expect(await attributeOf(input(page), 'aria-expanded')).toBe('false');
      expect(await options(page).count()).toBe(0);

      await input(page).fill(HOAN_KIEM_CODE);
      await input(page).press('Enter');
      await eventually(() => textOf(page.locator('#big-code'))).toBe(HOAN_KIEM_CODE);
    });
  });
});
