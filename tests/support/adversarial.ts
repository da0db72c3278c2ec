/**
 * Adversarial text for every text field, sized to the field: the shapes that make a careless
 * regular expression backtrack (nested repeats of a house-number piece ending in a stray
 * character, long runs of one class, many separators), contact data written to slip past a
 * guard (full-width digits, spaced or slashed phone numbers, obfuscated @), spreadsheet formulas,
 * String.replace patterns and markup. The fuzz sends each at the field's largest accepted length
 * and a little over it, so both the pattern and the length check before it are exercised.
 */

/** `unit` repeated to `length` characters (cut), then `tail`: the classic backtracking probe. */
const run = (unit: string, length: number, tail = '') => unit.repeat(Math.max(1, Math.ceil((length - tail.length) / unit.length))).slice(0, Math.max(0, length - tail.length)) + tail;

/** Repeated pieces: the families that made the parser, the search and the guard super-linear. */
export const ADVERSARIAL_FAMILIES: readonly ((length: number) => string)[] = [
  (n) => '1' + run('/1', n - 2, '') + 'x',
  (n) => run('1/', n, '!'),
  (n) => run('12A/', n, '#'),
  (n) => run('1 ', n, 'x'),
  (n) => run('1.', n, '..'),
  (n) => run('1-', n, '-'),
  (n) => run('0', n, 'a'),
  (n) => run('0 ', n, '@'),
  (n) => run('09', n, '.'),
  (n) => run('(0', n, ')'),
  (n) => run('+84 ', n, ''),
  (n) => run('\uFF10', n, ''), // full-width zero
  (n) => run('a', n, '!'),
  (n) => run('a.', n, '@'),
  (n) => run('a@', n, ''),
  (n) => run('(at)', n, ''),
  (n) => run('ngõ 1/', n, 'x'),
  (n) => run('số ', n, '?'),
  (n) => run('Phường ', n, ','),
  (n) => run(', ', n, ''),
  (n) => run(',', n, 'x'),
  (n) => run('p. ', n, ''),
  (n) => run('Hoà ', n, ''),
  (n) => 'a' + run('\u0301', n - 1),
  (n) => run('\u00A0', n, 'x'),
  (n) => run('\t', n, '1'),
  (n) => run('Đ', n, ''),
  (n) => run('=', n, ''),
  (n) => run("$`$'$&", n, ''),
  (n) => run('<a>', n, ''),
  (n) => run('25M-', n, '?'),
];

/** Fixed strings a text field must store or refuse cleanly, never run, never leak. */
export const ADVERSARIAL_FIXED: readonly string[] = [
  '(024) 3825 1234', 'ĐT: (028) 3822 1234', '091/234/5678', '０９１２３４５６７８', 'an＠example.vn', 'an(at)example.vn', 'an [at] example [dot] vn',
  '+84 91 234 5678', '0912.345.678', '=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1:A2)', '\t=1', '\r=1',
  "$`", "$'", '$&', '$1', '</title><script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{7*7}}', '%s%s%s%n',
];

/** Every family at `length` (the field's largest accepted size) and at `length + 1` (just refused). */
export function adversarialStrings(maxLength: number): string[] {
  const sizes = [...new Set([Math.min(maxLength, 64), maxLength, maxLength + 1])].filter((n) => n > 0);
  return [...sizes.flatMap((n) => ADVERSARIAL_FAMILIES.map((f) => f(n))), ...ADVERSARIAL_FIXED];
}
