/**
 * Adversarial text and timing helpers for the denial-of-service tests. A function that backtracks catastrophically
 * takes seconds to hours where a linear one takes microseconds, so the budgets can be generous
 * (a slow, shared machine stays far inside them) and still catch the old code by orders of magnitude.
 */

/** Per call, for the best of a few runs (one run may meet a garbage collection or a busy neighbour). */
export const CALL_BUDGET_MS = 100;

/** Fills n characters with repeats of `unit`. */
export const fill = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

/** Text shapes that make patterns and scanners backtrack or loop: each is a function of its length. */
export const FAMILIES: Record<string, (n: number) => string> = {
  'nested house-number repeats 1/1/…/1!x': (n) => `1${fill('/1', n - 3)}!x`,
  'nested repeats with dashes 1-1-…!x': (n) => `1${fill('-1', n - 3)}!x`,
  'nested repeats with letters 1a/1a/…!x': (n) => `${fill('1a/', n - 2)}!x`,
  'a house-number prefix then repeats': (n) => `Số 1${fill('/1', n - 7)}!x`,
  'a run of digits': (n) => fill('1', n),
  'a run of digits and a stray letter': (n) => `${fill('1', n - 1)}x`,
  'digits and spaces': (n) => fill('1 ', n),
  'spaces then a letter': (n) => `${fill(' ', n - 1)}x`,
  'tabs and line breaks then a letter': (n) => `${fill('\t\n ', n - 1)}x`,
  dots: (n) => fill('.', n),
  'letters and dots': (n) => fill('a.', n),
  hyphens: (n) => fill('-', n),
  'slashes and digits': (n) => fill('1/', n),
  'separators only': (n) => fill(',;|-/.:', n),
  'many short segments': (n) => fill(', a', n),
  'single-letter unit prefixes': (n) => fill('p ', n),
  'dotted unit prefixes': (n) => fill('P.', n),
  'spelled unit prefixes': (n) => fill('phường ', n),
  'district numbers': (n) => fill('Quận 1 ', n),
  'city abbreviations': (n) => fill('tp hcm ', n),
  'alley words': (n) => fill('ngõ 1 ', n),
  'lane numbers': (n) => fill('hẻm 1/', n),
  'hamlet words': (n) => fill('thôn ', n),
  'house-number words': (n) => fill('số ', n),
  'a long word with diacritics': (n) => fill('ường', n),
  'Vietnamese names': (n) => fill('Nguyễn ', n),
  'decomposed letters': (n) => fill('a\u0301', n),
  'a run of combining marks': (n) => `a${fill('\u0301', n - 1)}`,
  'mixed scripts': (n) => fill('Hà Nội 北京 Москва ', n),
  'a unit name repeated': (n) => fill('ha noi ', n),
  'a unit name repeated in segments': (n) => fill('Hà Nội, ', n),
  'near-miss names (fuzzy matching)': (n) => fill('bem thamh ', n),
  'single letters': (n) => fill('x ', n),
  'at signs': (n) => fill('a@', n),
  'e-mail-like repeats': (n) => fill('a.a@', n),
  'spelled at signs': (n) => fill('a (at) b ', n),
  'phone-like groups': (n) => fill('0912 ', n),
  'international prefixes': (n) => fill('+84 ', n),
  'parentheses and digits': (n) => fill('(0', n),
  'full-width digits': (n) => fill('０９１', n),
  apostrophes: (n) => fill("a'", n),
  'a long word': (n) => fill('abcdefghij', n),
};
function bestOf(runs: number, call: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    call();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/**
 * The time of `fn` on `make(size)` for growing sizes up to `max`, stopping at the first size over
 * the budget: super-linear code is caught at a small size within a second, rather than left to run
 * for minutes at the largest one. Returns the slowest size seen and its time.
 */
export function rampTime(
  fn: (input: string) => unknown,
  make: (size: number) => string,
  max: number,
  budgetMs = CALL_BUDGET_MS,
): { size: number; ms: number } {
  const sizes: number[] = [];
  // small steps where exponential code turns slow, doubling beyond (large inputs cost time to build)
  for (let size = Math.min(16, max); size < max; size = size < 4096 ? Math.ceil(size * 1.25) : size * 2) sizes.push(size);
  sizes.push(max);
  let slowest = { size: 0, ms: 0 };
  for (const size of sizes) {
    const input = make(size);
    const ms = bestOf(3, () => fn(input));
    if (ms >= slowest.ms) slowest = { size, ms };
    if (ms > budgetMs) break;
  }
  return slowest;
}

/** rampTime for a request: one run per size, repeated (best of three) only when over the budget; the budget larger. */
export async function rampRequest(
  send: (input: string) => Promise<unknown>,
  make: (size: number) => string,
  sizes: number[],
  budgetMs: number,
): Promise<{ size: number; ms: number }> {
  let slowest = { size: 0, ms: 0 };
  const time = async (input: string) => {
    const start = performance.now();
    await send(input);
    return performance.now() - start;
  };
  for (const size of sizes) {
    const input = make(size);
    let ms = await time(input);
    // over the budget once may be the shared machine (a GC, another test file's worker): the best of three counts
    for (let again = 0; again < 2 && ms > budgetMs; again++) ms = Math.min(ms, await time(input));
    if (ms >= slowest.ms) slowest = { size, ms };
    if (ms > budgetMs) break;
  }
  return slowest;
}
