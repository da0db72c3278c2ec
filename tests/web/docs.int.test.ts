/**
 * The documentation page in a real browser: Swagger UI renders the operations of /openapi.json,
 * the page asks nothing of any other host, and its Content-Security-Policy refuses nothing it needs.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import path from 'node:path';
import {
  browserAvailable,
  eventually,
  newDesktopPage,
  SCREENSHOT_DIR,
  useBrowserApp,
  withScreenshotOnFailure,
} from '../support/browser.js';

const SHOT = process.env.WEB_SCREENSHOTS ? path.join(SCREENSHOT_DIR, 'steps', 'docs.png') : undefined;

describe.skipIf(!browserAvailable())('API documentation in a browser', () => {
  let browser: Browser;
  let origin: string;
  const track = useBrowserApp((ctx) => {
    browser = ctx.browser;
    origin = ctx.origin;
  });

  test('renders the operations from this server alone', async () => {
    const page = track(await newDesktopPage(browser));
    const elsewhere: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) elsewhere.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(`${origin}/docs`);
    await withScreenshotOnFailure(page, 'docs-renders', async () => {
      await expect(page.locator('h1').first().textContent()).resolves.toMatch(/Tài liệu API/);
      await page.getByText('/v1/codes/{code}', { exact: true }).first().waitFor();
      if (SHOT) await page.screenshot({ path: SHOT.replace('.png', '-top.png') });
      await eventually(() => page.locator('.opblock').count()).toBeGreaterThan(40);
      // an operation opens with its parameters and response schema
      await page
        .locator('.opblock-summary-path', { hasText: /^\/v1\/encode$/ })
        .first()
        .click();
      await page
        .locator('.opblock.is-open .parameter__name', { hasText: /^lat\b/ })
        .first()
        .waitFor();
      if (SHOT) await page.screenshot({ path: SHOT });
      expect(elsewhere, 'requests to other hosts').toEqual([]);
      expect(problems, 'console errors (CSP violations among them)').toEqual([]);
    });
  });
});
