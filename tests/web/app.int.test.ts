/**
 * The web app in a real browser (Chromium, WebGL through SwiftShader) against the real API and
 * test database, at phone size: create a code by tapping the map, open its short link, recover
 * from a typo through a suggestion, switch language, survive a lost connection, use the phone's
 * location, see straight-line directions where no road data is loaded. A script error in the page fails the test.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { distanceMeters, formatDistance } from '../../web/src/common/geo.js';
import {
  attributeOf,
  browserAvailable,
  eventually,
  newPhonePage,
  snapshot,
  textOf,
  useBrowserApp,
  withScreenshotOnFailure,
} from '../support/browser.js';

const HOAN_KIEM = '25M-SN9-S32';
const CODE_FORM = /^[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/;

describe.skipIf(!browserAvailable())('web app in a browser', () => {
  let browser: Browser;
  let origin: string;
  /** the code test (a) registers; the later tests start from it */
  let registered = '';
  const track = useBrowserApp((ctx) => {
    browser = ctx.browser;
    origin = ctx.origin;
  });

  const open = async (path: string, options: Parameters<typeof newPhonePage>[1] = {}) => {
    const page = track(await newPhonePage(browser, options));
    await page.goto(origin + path);
    return page;
  };
  const api = async (path: string) => {
    const response = await fetch(origin + path);
    return { status: response.status, body: await response.json() };
  };
  const mapReady = (page: Page) => page.waitForSelector('#map[data-state="ready"]', { timeout: 20_000 });
  const ensureRegistered = async () => {
    if (registered) return registered;
    // test (a) failed: register one through the API so that the other tests still say something
    const response = await fetch(`${origin}/v1/addresses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lat: 21.02872, lng: 105.85226, details: { houseNumber: '1', street: 'Đinh Tiên Hoàng' } }),
    });
    registered = ((await response.json()) as { code: string }).code;
    return registered;
  };

  test('(a) tapping the map, nudging the pin and registering shows the big code, and the API has it', async () => {
    const page = await open('/');
    await withScreenshotOnFailure(page, 'a-create-by-tap', async () => {
      // the shell is there before the map
      await eventually(() => textOf(page.locator('#start-create'))).toBe('Tạo mã địa chỉ');
      await mapReady(page);
      await snapshot(page, '1-home');

      // go to Hoàn Kiếm by its code, then tap the map a little north-east of it
      await page.fill('#search-input', HOAN_KIEM);
      await page.press('#search-input', 'Enter');
      await eventually(() => textOf(page.locator('#big-code'))).toBe(HOAN_KIEM);
      await snapshot(page, '2-lookup');
      const box = (await page.locator('#map canvas').boundingBox())!;
      await page.mouse.click(box.x + box.width / 2 + 40, box.y + box.height / 2 - 30);

      const preview = page.locator('#preview-code');
      await eventually(() => textOf(preview)).toMatch(CODE_FORM);
      const tapped = await preview.textContent();
      expect(tapped).not.toBe(HOAN_KIEM);

      // drag the pin ~60 px (≈ 8 m at this zoom): another cell, another code
      const pin = (await page.locator('.map-marker--pin').boundingBox())!;
      await page.mouse.move(pin.x + pin.width / 2, pin.y + pin.height / 2);
      await page.mouse.down();
      for (let step = 1; step <= 6; step++) await page.mouse.move(pin.x + pin.width / 2 + step * 10, pin.y + pin.height / 2);
      await page.mouse.up();
      await eventually(() => textOf(preview)).not.toBe(tapped!);
      await eventually(() => textOf(preview)).toMatch(CODE_FORM);
      const previewCode = await preview.textContent();
      const [lat, lng] = (await page.locator('#point-coords').textContent())!.split(',').map(Number);

      await page.click('summary');
      await page.fill('#field-houseNumber', '12');
      await page.fill('#field-street', 'Đinh Tiên Hoàng');
      await snapshot(page, '3-create');
      await page.click('#register');

      // the registered code is the one /v1/encode gave for the pin's spot
      const big = page.locator('#big-code');
      await eventually(() => textOf(big)).toBe(previewCode!);
      await snapshot(page, '4-registered');
      registered = (await big.textContent())!;
      expect(registered).toMatch(CODE_FORM);
      await page.click('#copy-code');
      await eventually(() => textOf(page.locator('#toast'))).toBe(`Đã chép mã ${registered}`);
      expect(new URL(page.url()).pathname).toBe(`/${registered}`);

      const { status, body } = await api(`/v1/codes/${registered}`);
      expect(status).toBe(200);
      expect(body.registered).toBe(true);
      expect(body.address.details.street).toBe('Đinh Tiên Hoàng');
      expect(body.address.point.lat).toBeCloseTo(lat!, 5);
      expect(body.address.point.lng).toBeCloseTo(lng!, 5);
    });
  });

  test('(b) the short link /{code} opens the address in a fresh page', async () => {
    const code = await ensureRegistered();
    const page = await open(`/${code}`);
    await withScreenshotOnFailure(page, 'b-deep-link', async () => {
      await eventually(() => textOf(page.locator('#big-code'))).toBe(code);
      await eventually(() => textOf(page.locator('.fact-province'))).toBe('Thành phố Hà Nội');
      await eventually(() => textOf(page.locator('.fact-ward'))).toMatch(/^Phường /);
      await eventually(() => textOf(page.locator('.fact-address'))).toContain('Đinh Tiên Hoàng');
      await eventually(() => page.locator('#not-registered').count()).toBe(0);
      await eventually(() => textOf(page.locator('#share-link'))).toBe(`${origin}/${code}`);
      await mapReady(page);
      await snapshot(page, '5-deep-link');

      // the QR image comes from the API; the gate card is what gets printed
      await eventually(() => page.locator('img.qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(
        0,
      );
      await page.evaluate(() => (window.print = () => undefined)); // no print dialog in a test
      await page.click('#print-card-button');
      await page.emulateMedia({ media: 'print' });
      await eventually(() => textOf(page.locator('.print-code'))).toBe(code);
      expect(await page.locator('.print-card').isVisible()).toBe(true);
      expect(await page.locator('#panel').isVisible()).toBe(false);
      await eventually(() =>
        page.locator('img.print-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
      ).toBeGreaterThan(0);
      await page.emulateMedia({ media: 'screen' });

      // hyphens are optional in the link, and it is read case-insensitively
      const plain = await open(`/${code.replaceAll('-', '').toLowerCase()}`);
      await eventually(() => textOf(plain.locator('#big-code'))).toBe(code);

      // a flat in the same cell has its own link, /{code}/{unit}
      const { point } = (await api(`/v1/codes/${code}`)).body.address;
      await fetch(`${origin}/v1/addresses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...point, unit: 'P302' }),
      });
      const flat = await open(`/${code}/p302`);
      await eventually(() => textOf(flat.locator('.code-unit .code'))).toBe('P302');
      await eventually(() => textOf(flat.locator('#share-link'))).toBe(`${origin}/${code}/P302`);
      expect(await textOf(flat.locator('#big-code'))).toBe(code);
    });
  });

  test('(c) a code with a typo offers suggestions; choosing one opens it', async () => {
    const code = await ensureRegistered();
    // swap two neighbouring characters in the second group: the check character catches every such swap
    const body = code.replaceAll('-', '');
    const i = [3, 4, 5, 6].find((k) => body[k] !== body[k + 1])!;
    const typo = body.slice(0, i) + body[i + 1] + body[i] + body.slice(i + 2);
    const page = await open('/');
    await withScreenshotOnFailure(page, 'c-typo-suggestion', async () => {
      await page.fill('#search-input', typo.toLowerCase());
      await page.click('#search button[type="submit"]');
      await eventually(() => textOf(page.locator('.error'))).toContain('sai một ký tự');
      const suggestion = page.locator('.suggestions button', { hasText: code });
      // registered addresses are suggested first
      await eventually(() => textOf(page.locator('.suggestions button').first())).toBe(code);
      await snapshot(page, '6-typo');
      await suggestion.click();
      await eventually(() => textOf(page.locator('#big-code'))).toBe(code);
      expect(new URL(page.url()).pathname).toBe(`/${code}`);
    });
  });

  test('(d) the language switch shows English, is remembered, and switches back', async () => {
    const page = await open('/');
    await withScreenshotOnFailure(page, 'd-language', async () => {
      await eventually(() => attributeOf(page.locator('html'), 'lang')).toBe('vi');
      await page.click('#lang-switch');
      await eventually(() => attributeOf(page.locator('html'), 'lang')).toBe('en');
      await eventually(() => textOf(page.locator('#start-create'))).toBe('Create my address code');
      await eventually(() => attributeOf(page.locator('#search-input'), 'placeholder')).toBe('e.g. 25M-SN9-S32');
      await eventually(() => textOf(page.locator('#lang-switch'))).toBe('Tiếng Việt');
      await snapshot(page, '7-english');
      await page.reload();
      await eventually(() => textOf(page.locator('.panel-title'))).toBe('Hello!');
      await page.click('#lang-switch');
      await eventually(() => textOf(page.locator('#start-create'))).toBe('Tạo mã địa chỉ');
      await eventually(() => attributeOf(page.locator('html'), 'lang')).toBe('vi');
    });
  });

  test('a lost connection is said in words, and "try again" recovers', async () => {
    const page = await open('/');
    await withScreenshotOnFailure(page, 'offline', async () => {
      await page.route('**/v1/codes/**', (route) => route.abort('internetdisconnected'));
      await page.fill('#search-input', HOAN_KIEM);
      await page.press('#search-input', 'Enter');
      await eventually(() => textOf(page.locator('.error'))).toBe('Không kết nối được. Hãy kiểm tra mạng rồi thử lại.');
      await page.unroute('**/v1/codes/**');
      await page.getByRole('button', { name: 'Thử lại' }).click();
      await eventually(() => textOf(page.locator('#big-code'))).toBe(HOAN_KIEM);
    });
  });

  test('"use my location" puts the pin where the phone is, with the code /v1/encode gives there', async () => {
    const here = { latitude: 21.02851, longitude: 105.83551 }; // Văn Miếu
    const page = await open('/', { geolocation: here, permissions: ['geolocation'] });
    await withScreenshotOnFailure(page, 'use-my-location', async () => {
      await page.click('#start-create');
      await page.click('#use-location');
      const { body } = await api(`/v1/encode?lat=${here.latitude}&lng=${here.longitude}`);
      await eventually(() => textOf(page.locator('#preview-code'))).toBe(body.code);
      await eventually(() => textOf(page.locator('#point-coords'))).toBe('21.028510, 105.835510');
      // a phone number in the details is refused, next to the field
      await page.click('summary');
      await page.fill('#field-note', 'Gọi 0912 345 678 khi tới');
      await page.click('#register');
      await eventually(() => textOf(page.locator('#field-note-error'))).toBe('Chỉ mô tả nơi này: không ghi số điện thoại hay email.');
      expect(await attributeOf(page.locator('#field-note'), 'aria-invalid')).toBe('true');
      expect((await api(`/v1/codes/${body.code}`)).body.registered).toBe(false);
    });
  });

  test('directions off the loaded road data draw a straight line from the phone location and give its length', async () => {
    const code = await ensureRegistered();
    const here = { latitude: 21.0368, longitude: 105.8342 }; // Ba Đình, about 2 km away
    const page = await open(`/${code}`, { geolocation: here, permissions: ['geolocation'] });
    await withScreenshotOnFailure(page, 'e-directions', async () => {
      await eventually(() => textOf(page.locator('#big-code'))).toBe(code);
      const { body } = await api(`/v1/codes/${code}`);
      await page.click('#open-directions');
      const expected = formatDistance(distanceMeters({ lat: here.latitude, lng: here.longitude }, body.address.point), 'vi');
      // both ends are outside the loaded road data (tests/web/directions.int.test.ts has road routes): the straight line, and why
      await eventually(() => textOf(page.locator('#directions-notice'))).toBe(
        `Chỉ đường theo đường phố chỉ có ở những khu vực đã có dữ liệu đường, và chuyến đi này nằm ngoài các khu vực đó. Khoảng cách đường chim bay: ${expected}.`,
      );
      await eventually(() => textOf(page.locator('.fact-distance'))).toBe(expected);
      await eventually(() => textOf(page.locator('.fact-heading'))).toBe('Đông Nam');
      await snapshot(page, '8-directions');
    });
  });
});
