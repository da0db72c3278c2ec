/**
 * A lint for the server's regular expressions: every pattern written in server/ (literals and
 * RegExp(...) calls, read with the TypeScript parser by regex-sources.ts) is checked by recheck,
 * which finds nested or overlapping quantifiers and proves a pattern's matching time linear or gives
 * the input that makes it exponential or polynomial. A super-linear pattern fails the test with its
 * file and line, so a new one cannot slip in where user text reaches it (issue 15).
 */
import { check } from 'recheck';
import { describe, expect, it } from 'vitest';
import { collectPatterns, type FoundPattern } from './regex-sources.js';

/**
 * Patterns that are super-linear but never see user text, each with the reason. Keep this short:
 * a pattern that does see user text is rewritten instead.
 */
const NEVER_USER_TEXT: { file: string; source: string; why: string }[] = [
  { file: 'server/pages/html.ts', source: String.raw`<title>[\s\S]*?<\/title>`, why: 'runs on the built index.html only' },
];

/** Only a pattern that repeats something can take more than linear time. */
const repeats = (p: FoundPattern) => /[*+?]|\{\d/.test(p.source);
const exempt = (p: FoundPattern) => NEVER_USER_TEXT.some((e) => e.file === p.file && e.source === p.source);

describe('regular expressions in server/', () => {
  const { patterns, unreadable } = collectPatterns('server');

  it('are all readable: every RegExp is built from literals and constants', () => {
    expect(unreadable, 'make these patterns literal (or built from constants) so that they can be checked').toEqual([]);
    expect(patterns.length).toBeGreaterThan(50);
  });

  it('run in linear time, each proved so by recheck', { timeout: 120_000 }, async () => {
    const findings: string[] = [];
    for (const p of patterns.filter(repeats)) {
      // the native checker answers in milliseconds; the timeout only bounds a pathological pattern
      const d = await check(p.source, p.flags, { timeout: 10_000 });
      const where = `${p.file}:${p.line} /${p.source}/${p.flags}`;
      if (d.status === 'vulnerable' && !exempt(p)) findings.push(`${where}: ${d.complexity.type}, e.g. ${d.attack.pattern.slice(0, 80)}`);
      else if (d.status === 'unknown') findings.push(`${where}: recheck could not decide (${d.error.kind})`);
    }
    expect(findings).toEqual([]);
  });

  it('lists as exempt only patterns that still exist', () => {
    for (const e of NEVER_USER_TEXT)
      expect(
        patterns.some((p) => p.file === e.file && p.source === e.source),
        `${e.file}: ${e.source}`,
      ).toBe(true);
  });
});
