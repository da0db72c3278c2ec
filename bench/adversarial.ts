/**
 * Adversarial text (issue 15): how much longer the address parser and the contact-data guard take
 * on the worst shapes known, at the largest accepted length, than on ordinary address text of the
 * same length measured in the same run. A backtracking pattern shows as a ratio in the thousands or millions (the 73-byte
 * line of the issue took ~17 min); linear code stays within a small factor of the length ratio.
 * `npx tsx bench/adversarial.ts` prints the table; `npm run bench` writes it to BENCHMARKS.md.
 */
import { holdsContactData } from '../server/addresses/contact-guard.js';
import { buildGazetteer } from '../server/search/gazetteer.js';
import { loadGazetteerInput } from '../server/search/gazetteer-source.js';
import { parseAddress } from '../server/search/parse-address.js';
import { FAMILIES } from '../tests/security/adversarial.js';
import { DATA_DIR } from './parser-eval.js';

/** Ordinary lines as people write them (made up here, in the shapes of the eval set). */
const ORDINARY = [
  '12 ngõ 5 Tràng Tiền, P. Tràng Tiền, Q. Hoàn Kiếm, HN',
  '243 Hai Bà Trưng, Phường 6, Quận 3, TP.HCM',
  'Thôn 2, xã Ea Tu, TP Buôn Ma Thuột, Đắk Lắk',
  'số 58 Quốc Tử Giám, Văn Miếu, Đống Đa, Hà Nội',
];
const SHAPES = [
  'nested house-number repeats 1/1/…/1!x',
  'nested repeats with letters 1a/1a/…!x',
  'digits and spaces',
  'separators only',
  'spelled unit prefixes',
  'city abbreviations',
  'a unit name repeated',
  'near-miss names (fuzzy matching)',
  'phone-like groups',
  'at signs',
];
const LINE = 500; // the longest line parse and search accept
const NOTE = 500; // the longest detail (note)

/** Median time of `fn` over `runs` runs of `reps` calls each, in µs a call. */
function timeOf(fn: () => unknown, reps: number, runs = 7): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (let i = 0; i < reps; i++) fn();
    times.push(((performance.now() - start) * 1000) / reps);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

export type AdversarialRow = { what: string; microseconds: number; ratio: number };

/** Ordinary text of the same length as the adversarial: the lines one after another, cut at `n`. */
const ordinaryOf = (n: number) =>
  ORDINARY.join(', ')
    .repeat(Math.ceil(n / 200))
    .slice(0, n);

export async function benchAdversarial(): Promise<{ baseline: { parse: number; guard: number }; rows: AdversarialRow[] }> {
  const g = buildGazetteer(await loadGazetteerInput(DATA_DIR));
  const ordinaryLine = ordinaryOf(LINE);
  const ordinaryNote = ordinaryOf(NOTE);
  const parse = timeOf(() => parseAddress(ordinaryLine, g), 20);
  const guard = timeOf(() => holdsContactData(ordinaryNote), 200);
  const rows: AdversarialRow[] = [];
  for (const name of SHAPES) {
    const line = FAMILIES[name]!(LINE);
    const us = timeOf(() => parseAddress(line, g), 20);
    rows.push({ what: `parse: ${name} (${LINE} characters)`, microseconds: us, ratio: us / parse });
  }
  for (const name of SHAPES) {
    const note = FAMILIES[name]!(NOTE);
    const us = timeOf(() => holdsContactData(note), 200);
    rows.push({ what: `contact guard: ${name} (${NOTE} characters)`, microseconds: us, ratio: us / guard });
  }
  return { baseline: { parse, guard }, rows };
}

export function adversarialMarkdown({ baseline, rows }: Awaited<ReturnType<typeof benchAdversarial>>): string[] {
  const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  return [
    '## Adversarial text (issue 15)',
    '',
    'Time of the worst shapes known at the largest accepted length (500 characters), as a multiple of ordinary address text of the same length measured in the same run ' +
      `(ordinary lines one after another: parser ${fmt(baseline.parse, 0)} µs, guard ${fmt(baseline.guard, 1)} µs here). Linear code keeps this a small factor of the shape's own work; ` +
      'a backtracking pattern shows as thousands or millions: before the fixes of issue 15 the first shape took 3.6 s at 51 characters and doubled with every `/1` (about 17 minutes at 73). ' +
      '`npx tsx bench/adversarial.ts`.',
    '',
    '| input | µs | × ordinary text |',
    '|---|---:|---:|',
    ...rows.map((r) => `| ${r.what} | ${fmt(r.microseconds, 1)} | ${fmt(r.ratio, 1)} |`),
    '',
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(adversarialMarkdown(await benchAdversarial()).join('\n'));
}
