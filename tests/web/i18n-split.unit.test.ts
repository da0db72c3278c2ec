/**
 * The messages are split so that each page ships only what it shows (web/src/i18n/): common,
 * household and console. These tests keep each app's code to the keys its own dictionary has, by
 * reading the key literals of the modules each page's entry reaches through its import lines.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DICTIONARIES as ALL } from '../support/i18n-all.js';
import { commonVi } from '../../web/src/i18n/common-vi.js';
import { DICTIONARIES as CONSOLE } from '../../web/src/i18n/console.js';
import { consoleVi } from '../../web/src/i18n/console-vi.js';
import { DICTIONARIES as HOUSEHOLD } from '../../web/src/i18n/household.js';
import { householdVi } from '../../web/src/i18n/household-vi.js';

const web = path.join(import.meta.dirname, '..', '..', 'web');

/** The .ts modules an entry reaches by its relative imports (type-only ones too: stricter). */
function reached(entry: string): string[] {
  const seen = new Set<string>();
  const stack = [path.join(web, 'src', entry)];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = path.resolve(path.dirname(file), spec!).replace(/\.js$/, '.ts');
      // the dictionaries themselves are not users of keys
      if (target.endsWith('.ts') && !target.includes(`${path.sep}i18n${path.sep}`)) stack.push(target);
    }
  }
  return [...seen];
}

/** Every literal in these files that is a message key of either app. */
function keysUsed(files: string[]): Set<string> {
  const used = new Set<string>();
  for (const file of files) {
    for (const [, text] of readFileSync(file, 'utf8').matchAll(/['"`]([a-zA-Z]+(?:\.[a-zA-Z_]+)+)['"`]/g))
      if (text! in ALL.vi) used.add(text!);
  }
  return used;
}

describe('the split dictionary', () => {
  test('common, household and console share no key', () => {
    const parts = [commonVi, householdVi, consoleVi].map((part) => Object.keys(part));
    expect(new Set(parts.flat()).size).toBe(parts.flat().length);
  });

  test('the household dictionary holds no console key, and the reverse', () => {
    for (const key of Object.keys(consoleVi)) expect(HOUSEHOLD.vi, key).not.toHaveProperty([key]);
    for (const key of Object.keys(householdVi)) expect(CONSOLE.vi, key).not.toHaveProperty([key]);
  });

  test('each app uses only keys of its own dictionary', () => {
    const household = reached('main.ts');
    const console = reached('console/main.ts');
    expect(household.length).toBeGreaterThan(20);
    expect(console.length).toBeGreaterThan(5);
    for (const key of keysUsed([...household, path.join(web, 'index.html')])) expect(HOUSEHOLD.vi, key).toHaveProperty([key]);
    for (const key of keysUsed([...console, path.join(web, 'console.html')])) expect(CONSOLE.vi, key).toHaveProperty([key]);
  });
});
