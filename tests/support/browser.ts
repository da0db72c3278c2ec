/**
 * Real-browser tests: Debian's Chromium driven by playwright-core (test tools cannot download a
 * browser of their own here), the built web app served by the API app, screenshots on failure.
 * Launch flags: shared/notes/browser.md (WebGL through SwiftShader, no background networking).
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Express } from 'express';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import type { Knex } from 'knex';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { createTestApp } from './app.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const projectRoot = path.resolve(import.meta.dirname, '..', '..');
const webRoot = path.join(projectRoot, 'web');
const distDir = path.join(webRoot, 'dist');
export const SCREENSHOT_DIR = path.join(projectRoot, 'tests', 'web', 'screenshots');

/**
 * Whether the browser suite can run. Without Chromium it is skipped with a warning on a
 * developer's machine, and fails in CI, where a silently skipped suite would hide regressions.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const message = `${CHROMIUM_PATH} not found: install Debian's chromium (apt-get install chromium) to run the browser tests`;
  if (process.env.CI) throw new Error(message);
  console.warn(`\n⚠ browser tests skipped: ${message}\n`);
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
      '--no-first-run',
    ],
  });
}

/** A desktop-sized page (1280×800), as commune staff use the console. */
export function newDesktopPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  return newPhonePage(browser, { viewport: { width: 1280, height: 800 }, ...options });
}

/** A phone-sized page (360×640). Reduced motion makes the map jump instead of fly, so tests need not wait for animations. */
export async function newPhonePage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
    locale: 'vi-VN',
    ...options,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** `npm test` builds the app first (pretest); a direct vitest run rebuilds it when the sources are newer. */
export async function ensureWebBuilt(): Promise<void> {
  // both pages: the household app (index.html) and the commune console (console.html)
  const pages = ['index.html', 'console.html'];
  const sourcesAt = Math.max(
    newestMtime(path.join(webRoot, 'src')),
    statSync(path.join(webRoot, 'vite.config.ts')).mtimeMs,
    ...pages.map((page) => statSync(path.join(webRoot, page)).mtimeMs),
  );
  const built = pages.map((page) => path.join(distDir, page));
  if (built.every((file) => existsSync(file) && statSync(file).mtimeMs >= sourcesAt)) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(webRoot, 'vite.config.ts'), logLevel: 'warn' });
}

/** Listens on a free loopback port; the app serves the built web app (web/dist) beside the API. */
export function listen(app: Express): Promise<{ origin: string; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/** Runs a browser step; on failure saves a screenshot named after the test, then fails. */
export async function withScreenshotOnFailure<T>(page: Page, name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    console.error(`screenshot of the failure: ${path.relative(projectRoot, file)}`);
    throw error;
  }
}

/** With WEB_SCREENSHOTS=1, saves a screenshot of a step to look at (tests/web/screenshots/steps/). */
export async function snapshot(page: Page, name: string): Promise<void> {
  if (!process.env.WEB_SCREENSHOTS) return;
  await page.waitForTimeout(1500); // let the map draw its tiles
  const dir = path.join(SCREENSHOT_DIR, 'steps');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

/** The trimmed text of the first match, or null while there is none (never waits). */
export async function textOf(locator: Locator): Promise<string | null> {
  return (await locator.count()) ? ((await locator.first().textContent()) ?? '').trim() : null;
}

export async function attributeOf(locator: Locator, name: string): Promise<string | null> {
  return (await locator.count()) ? locator.first().getAttribute(name) : null;
}

/** Retries a read of the page until the assertion that follows holds (vitest's expect.poll), for up to 15 s. */
export function eventually<T>(read: () => Promise<T>) {
  return expect.poll(read, { timeout: 15_000, interval: 100 });
}

/**
 * The hooks every browser suite needs: the built client served by the app on a loopback port,
 * one browser, and an uncaught script error in any tracked page fails the test. `ready` receives
 * the browser, the origin and the test app once they are up; `track` registers a page.
 */
export function useBrowserApp(
  ready: (ctx: { browser: Browser; origin: string; knex: Knex; app: ReturnType<typeof createTestApp>['app'] }) => void | Promise<void>,
) {
  let browser: Browser | undefined;
  let stopServer: (() => Promise<void>) | undefined;
  let closeApp: (() => Promise<void>) | undefined;
  const pages: Page[] = [];
  let pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    const testApp = createTestApp();
    closeApp = testApp.close;
    const served = await listen(testApp.app);
    stopServer = served.close;
    browser = await launchBrowser();
    await ready({ browser, origin: served.origin, knex: testApp.knex, app: testApp.app });
  });
  beforeEach(() => {
    pageErrors = [];
  });
  afterEach(() => {
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  });
  afterAll(async () => {
    for (const page of pages)
      await page
        .context()
        .close()
        .catch(() => undefined);
    await browser?.close();
    await stopServer?.();
    await closeApp?.();
  });

  return (page: Page): Page => {
    pages.push(page);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  };
}

/** Signs in through the web app's own form (home page, account button) and waits until it says so. */
export async function signInThroughApp(page: Page, origin: string, email: string, password: string): Promise<void> {
  await page.goto(`${origin}/`);
  await page.click('#account-button');
  await page.fill('#auth-id', email);
  await page.fill('#auth-password', password);
  await page.click('#auth-submit');
  await eventually(() => attributeOf(page.locator('#account-button'), 'data-state')).toBe('signed-in');
}
