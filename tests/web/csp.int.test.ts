/**
 * The web app under its strict Content Security Policy in a real browser: the map (MapLibre, its
 * worker, WebGL canvas) draws, a code is looked up and a new one registered by tapping the map,
 * the console and /about load, and the browser reports not one violation. The detector itself is
 * checked first: an inline script injected into the page must be caught.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { browserAvailable, eventually, newPhonePage, textOf, useBrowserApp, withScreenshotOnFailure } from '../support/browser.js';

const HOAN_KIEM = '25M-SN9-S32';
const CODE_FORM = /^[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/;

declare global {
  interface Window {
    __cspViolations: string[];
  }
}

/** The share of pixels of a PNG (decoded by the page itself: data: images are allowed) in the map's land colour #f3f0e8. */
function landShare(page: Page, png: string): Promise<number> {
  return page.evaluate(async (data) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, img.width, img.height).data;
    let land = 0;
    for (let i = 0; i < px.length; i += 4)
      if (Math.abs(px[i]! - 0xf3) < 4 && Math.abs(px[i + 1]! - 0xf0) < 4 && Math.abs(px[i + 2]! - 0xe8) < 4) land++;
    return land / (px.length / 4);
  }, png);
}

describe.skipIf(!browserAvailable())('the web app under its Content Security Policy', () => {
  let browser: Browser;
  let origin: string;
  const track = useBrowserApp((ctx) => {
    browser = ctx.browser;
    origin = ctx.origin;
  });

  /** A page whose CSP violations (DOM events, and the console's "Refused to …") are recorded. */
  async function open(path: string): Promise<{ page: Page; violations: () => Promise<string[]> }> {
    const page = track(await newPhonePage(browser));
    const console: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) console.push(message.text());
    });
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
      );
    });
    const response = await page.goto(origin + path);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    return { page, violations: async () => [...(await page.evaluate(() => window.__cspViolations)), ...console] };
  }

  test('the detector catches a violation (an injected inline script)', async () => {
    const { page, violations } = await open('/about');
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
    });
    await eventually(async () => (await violations()).length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
  });

  test('the map draws, a code is looked up and another registered by a tap, with zero violations', async () => {
    const { page, violations } = await open('/');
    await withScreenshotOnFailure(page, 'csp-app', async () => {
      await page.waitForSelector('#map[data-state="ready"]', { timeout: 20_000 });
      await page.fill('#search-input', HOAN_KIEM);
      await page.press('#search-input', 'Enter');
      await eventually(() => textOf(page.locator('#big-code'))).toBe(HOAN_KIEM);

      const canvas = page.locator('#map canvas');
      const box = (await canvas.boundingBox())!;
      expect(box.width).toBeGreaterThan(100);
      // the canvas drew the server's tiles: Vietnam's land colour (a tile fill; the background is the sea's) covers most of it
      await eventually(async () => landShare(page, (await canvas.screenshot()).toString('base64'))).toBeGreaterThan(0.5);

      await page.mouse.click(box.x + box.width / 2 + 40, box.y + box.height / 2 - 30);
      await eventually(() => textOf(page.locator('#preview-code'))).toMatch(CODE_FORM);
      const preview = await page.locator('#preview-code').textContent();
      await page.click('#register');
      await eventually(() => textOf(page.locator('#big-code'))).toBe(preview!);
      // the QR image of the share section comes from the API
      await eventually(() => page.locator('img.qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(
        0,
      );
      expect(await violations()).toEqual([]);
    });
  });

  test.each(['/console', '/about', `/${HOAN_KIEM}`])('%s loads with zero violations', async (path) => {
    const { page, violations } = await open(path);
    await withScreenshotOnFailure(page, `csp-${path}`, async () => {
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);
      expect(await violations()).toEqual([]);
    });
  });
});
