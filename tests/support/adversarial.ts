/**
 * Adversarial text for the fuzz's text fields, sized to the field: the backtracking shapes of the
 * ReDoS tests (tests/security/adversarial.ts FAMILIES), a few shapes that matter to output rather
 * than to patterns (spreadsheet formulas, String.replace patterns, markup, code-like runs), and
 * fixed strings of contact data written to slip past a guard. The fuzz sends each at the field's
 * largest accepted length and just over it, so both the pattern and the length check before it run.
 */
import { FAMILIES, fill } from '../security/adversarial.js';

/** Shapes for what the service writes out, not for its patterns: formulas, replace patterns, markup, codes. */
const OUTPUT_FAMILIES: readonly ((n: number) => string)[] = [
  (n) => fill('=', n),
  (n) => fill("$`$'$&", n),
  (n) => fill('<a>', n),
  (n) => `${fill('25M-', n - 1)}?`,
];

/** Fixed strings a text field must store or refuse cleanly, never run, never leak. */
export const ADVERSARIAL_FIXED: readonly string[] = [
  '(024) 3825 1234',
  'ĐT: (028) 3822 1234',
  '091/234/5678',
  '０９１２３４５６７８',
  'an＠example.vn',
  'an(at)example.vn',
  'an [at] example [dot] vn',
  '+84 91 234 5678',
  '0912.345.678',
  '=HYPERLINK("http://x","y")',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1',
  '\r=1',
  '$`',
  "$'",
  '$&',
  '$1',
  '</title><script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}',
  '%s%s%s%n',
];

/** Every family at a short length, at `maxLength` (the field's largest accepted size) and at `maxLength + 1` (just refused). */
export function adversarialStrings(maxLength: number): string[] {
  const sizes = [...new Set([Math.min(maxLength, 64), maxLength, maxLength + 1])].filter((n) => n > 3);
  const families = [...Object.values(FAMILIES), ...OUTPUT_FAMILIES];
  return [...sizes.flatMap((n) => families.map((f) => f(n))), ...ADVERSARIAL_FIXED];
}
