/**
 * "Xử lý tệp CSV" in a real browser against the real API: a file of 25,000 codes (five chunks of
 * 5,000 rows) is read, recognised as codes, sent chunk after chunk while the progress bar moves to
 * 100 %, and the enriched file downloads with every row in order (typos with their suggestion); a
 * file of addresses dropped on the box (desktop) comes back with its 2025 wards; the screen speaks
 * English too. A script error in the page fails the test.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { encode, formatCode } from '../../server/codes/codec.js';
import { CHUNK_ROWS } from '../../web/src/features/batch/run.js';
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
import { seededRandom } from '../support/random.js';

const ROWS = 25_000;

/** 25,000 codes over Vietnam; every 100th has its last character changed (a typo the check catches). */
function codesFile(): { csv: string; codes: string[]; typos: Set<number> } {
  const random = seededRandom(11);
  const codes: string[] = [];
  const typos = new Set<number>();
  while (codes.length < ROWS) {
    const code = encode(8.6 + random() * 14.8, 102.2 + random() * 7.2);
    if (!code) continue;
    const i = codes.length;
    if (i % 100 === 3) {
      typos.add(i);
      codes.push(formatCode(code).slice(0, -1) + (code.endsWith('0') ? '1' : '0'));
    } else codes.push(formatCode(code));
  }
  return { csv: `stt,Mã địa chỉ,Ghi chú\r\n${codes.map((c, i) => `${i + 1},${c},"dòng ${i + 1}, kho A"`).join('\r\n')}\r\n`, codes, typos };
}

describe.skipIf(!browserAvailable())('batch over a CSV file in a browser', () => {
  let browser: Browser;
  let origin: string;
  const track = useBrowserApp((ctx) => {
    browser = ctx.browser;
    origin = ctx.origin;
  });

  const openBatch = async (page: Page) => {
    await page.goto(`${origin}/`);
    await page.click('#open-batch');
    await eventually(() => textOf(page.locator('.panel-title'))).toBe('Xử lý tệp CSV');
  };

  test('25,000 codes go in chunks, the bar reaches 100 % and the enriched file downloads in order', async () => {
    const page = track(await newDesktopPage(browser, { acceptDownloads: true }));
    await withScreenshotOnFailure(page, 'batch-codes', async () => {
      await openBatch(page);
      await snapshot(page, 'batch-1-empty');
      const { csv, codes, typos } = codesFile();
      await page.setInputFiles('#batch-file', { name: 'kho-hang.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await eventually(() => textOf(page.locator('#batch-file-info'))).toBe('kho-hang.csv: 25.000 dòng');
      expect(await page.isChecked('#batch-kind-codes')).toBe(true);
      expect(await textOf(page.locator('#batch-detected'))).toContain('mã địa chỉ');
      expect(await page.locator('#batch-column option:checked').textContent()).toBe('Mã địa chỉ');

      // every value the progress text takes, as the page shows it
      await page.evaluate(() => {
        const seen: number[] = [];
        (window as unknown as { batchProgress: number[] }).batchProgress = seen;
        new MutationObserver(() => {
          const done = Number(document.getElementById('batch-progress-text')?.dataset.done ?? -1);
          if (done >= 0 && seen.at(-1) !== done) seen.push(done);
        }).observe(document.getElementById('panel')!, { childList: true, subtree: true });
      });
      const chunks: number[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().includes('/v1/batch/codes.csv'))
          chunks.push(request.postData()?.split('\r\n').length ?? 0);
      });
      const started = Date.now();
      await page.click('#batch-start');
      await eventually(() => attributeOf(page.locator('#batch-download'), 'download')).toBe('kho-hang-ket-qua.csv');
      const seconds = (Date.now() - started) / 1000;
      console.info(
        `browser batch: ${ROWS} codes in ${seconds.toFixed(1)} s (${Math.round(ROWS / seconds)} rows/s, ${chunks.length} chunks)`,
      );
      await snapshot(page, 'batch-2-done');

      expect(chunks).toHaveLength(Math.ceil(ROWS / CHUNK_ROWS));
      const progress = await page.evaluate(() => (window as unknown as { batchProgress: number[] }).batchProgress);
      expect(progress.at(-1)).toBe(ROWS);
      expect(progress.filter((d) => d > 0 && d < ROWS).length).toBeGreaterThan(0); // it moved on the way
      expect(await page.locator('#batch-progress').getAttribute('value')).toBe(String(ROWS));
      expect(await page.locator('#batch-progress').getAttribute('max')).toBe(String(ROWS));
      expect(await textOf(page.locator('#batch-progress-text'))).toBe('Đã xử lý 25.000 / 25.000 dòng (100%)');
      expect(await attributeOf(page.locator('#batch-summary'), 'data-failed')).toBe(String(typos.size));
      expect(await textOf(page.locator('#batch-summary'))).toContain('250 mã lỗi');

      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#batch-download')]);
      expect(download.suggestedFilename()).toBe('kho-hang-ket-qua.csv');
      const text = await readFile((await download.path())!, 'utf8');
      expect(
        text.startsWith(
          '\uFEFFstt,Mã địa chỉ,Ghi chú,code,lat,lng,ward_code,ward,province_code,province,postal_code,registered,error,suggestion\r\n',
        ),
      ).toBe(true);
      expect(text.split('\uFEFF')).toHaveLength(2); // one byte-order mark, at the start
      const [header, ...rows] = parse(text, { bom: true }) as string[][];
      expect(header).toHaveLength(14);
      expect(rows).toHaveLength(ROWS);
      expect(rows.map((r) => r[0])).toEqual(codes.map((_, i) => String(i + 1)));
      expect(rows.map((r) => r[1])).toEqual(codes);
      for (const i of [0, 1, 4_999, 5_000, 12_345, ROWS - 1]) {
        const row = rows[i]!;
        expect(row[2]).toBe(`dòng ${i + 1}, kho A`);
        if (typos.has(i)) continue;
        expect(row[3]).toBe(codes[i]);
        expect(Number(row[4])).toBeGreaterThan(8);
        expect(Number(row[5])).toBeGreaterThan(102);
        expect(row[11]).toBe('false');
        expect(row[12]).toBe('');
      }
      for (const i of [3, 5_003, ROWS - 97]) {
        expect(typos.has(i)).toBe(true);
        expect(rows[i]!.slice(3, 5)).toEqual(['', '']);
        expect(rows[i]![12]).toBe('Check character mismatch');
        expect(rows[i]![13]).toMatch(/^[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/);
      }
      expect(rows.filter((r) => r[12]).length).toBe(typos.size);
    });
  }, 120_000);

  test('a file of addresses dropped on the box comes back with its 2025 wards; the screen speaks English', async () => {
    const page = track(await newDesktopPage(browser, { acceptDownloads: true }));
    await withScreenshotOnFailure(page, 'batch-addresses-drop', async () => {
      await openBatch(page);
      const csv =
        'Địa chỉ giao hàng;Người nhận\nSố 5, ngõ 12 Tràng Tiền, P. Tràng Tiền, Q. Hoàn Kiếm, HN;An\nphuong ben nghe quan 1 tp hcm;Bình\nở đâu đó;Chi\n';
      // a drop, as the browser delivers one: a DataTransfer holding the file
      await page.evaluate((text) => {
        const data = new DataTransfer();
        data.items.add(new File([text], 'giao-hang.csv', { type: 'text/csv' }));
        const zone = document.querySelector('.drop-zone')!;
        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      }, csv);
      await eventually(() => textOf(page.locator('#batch-file-info'))).toBe('giao-hang.csv: 3 dòng');
      expect(await page.isChecked('#batch-kind-addresses')).toBe(true);
      expect(await page.locator('#batch-column option:checked').textContent()).toBe('Địa chỉ giao hàng');

      await page.click('#lang-switch');
      await eventually(() => textOf(page.locator('.panel-title'))).toBe('Process a CSV file');
      expect(await textOf(page.locator('#batch-file-info'))).toBe('giao-hang.csv: 3 rows');
      await page.click('#batch-start');
      await eventually(() => attributeOf(page.locator('#batch-download'), 'download')).toBe('giao-hang-results.csv');
      expect(await textOf(page.locator('#batch-summary'))).toBe('Done, 3 rows: 2 addresses placed in a ward, 1 not placed.');

      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#batch-download')]);
      const text = await readFile((await download.path())!, 'utf8');
      const [header, ...rows] = parse(text, { bom: true, delimiter: ';' }) as string[][];
      expect(header!.slice(0, 3)).toEqual(['Địa chỉ giao hàng', 'Người nhận', 'code']);
      const at = (name: string) => header!.indexOf(name);
      expect(rows.map((r) => [r[1], r[at('ward_code')], r[at('province_code')], r[at('match')]])).toEqual([
        ['An', '00082', '01', 'ward'],
        ['Bình', '26740', '79', 'ward'],
        ['Chi', '', '', 'none'],
      ]);
    });
  }, 60_000);

  test('a phone reaches the screen from the home panel; a file that is not CSV says so', async () => {
    const page = track(await newPhonePage(browser));
    await withScreenshotOnFailure(page, 'batch-phone', async () => {
      await openBatch(page);
      await page.setInputFiles('#batch-file', {
        name: 'x.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('code,note\n25M-SN9-S32,"never closed\n'),
      });
      await eventually(() => textOf(page.locator('#batch-error'))).toContain('dấu ngoặc kép');
      await page.setInputFiles('#batch-file', { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('code\n') });
      await eventually(() => textOf(page.locator('#batch-error'))).toBe('Tệp chỉ có dòng tiêu đề, không có dữ liệu.');
      await page.click('#batch-back');
      await eventually(() => page.locator('#open-batch').count()).toBe(1);
    });
  }, 60_000);
});
