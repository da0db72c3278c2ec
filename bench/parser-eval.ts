/**
 * Address parser accuracy: the share of lines whose 2025 ward the parser resolves from text alone.
 *   npx tsx bench/parser-eval.ts        (DATA_DIR / EVAL_DIR override ../shared/{data,eval})
 * Measures only: the eval rows are read from the shared folder and never copied into the project.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildGazetteer, type Gazetteer } from '../server/search/gazetteer.js';
import { loadGazetteerInput } from '../server/search/gazetteer-source.js';
import { parseAddress, type ParsedAddress } from '../server/search/parse-address.js';
import { createKnex } from '../server/db/knex.js';
import { createSqlRunner } from '../server/db/query.js';
import { createSearchRepository } from '../server/search/repository.js';
import { placeOnStreet, streetKey, type KnownHouse, type StreetWard } from '../server/search/street-place.js';

export type LabelledLine = { text: string; wardCode: string; source: string; namesUnit?: boolean };
export type Outcome = 'resolved' | 'wrong_ward' | 'among_candidates' | 'candidates_miss' | 'province_only' | 'nothing';
export type EvalReport = {
  total: number;
  resolved: number;
  accuracy: number;
  bySource: Record<string, { total: number; resolved: number }>;
  outcomes: Record<Outcome, number>;
};

const SHARED = path.resolve(import.meta.dirname, '../../shared');
export const DATA_DIR = process.env.DATA_DIR ?? path.join(SHARED, 'data');
const EVAL_DIR = process.env.EVAL_DIR ?? path.join(SHARED, 'eval');

type OsmFeature = { properties: Record<string, string | number | undefined> };

/** Writes an OSM point's addr:* tags as a person would: house number and street, then units, comma-separated. */
export function osmAddressLine(tags: Record<string, string | number | undefined>): string {
  const first = [tags['addr:housenumber'], tags['addr:street']].filter(Boolean).join(' ');
  const city = tags['addr:city'] ?? tags['addr:province'];
  return [first, tags['addr:subdistrict'], tags['addr:district'], city, tags['addr:postcode']]
    .filter((v) => v !== undefined && v !== '')
    .join(', ');
}

export async function loadOsmLines(dataDir = DATA_DIR): Promise<LabelledLine[]> {
  const geojson = JSON.parse(await readFile(path.join(dataDir, 'osm/osm_addr_points_hanoi_hcmc.geojson'), 'utf8')) as {
    features: OsmFeature[];
  };
  return geojson.features.map((f) => ({
    text: osmAddressLine(f.properties),
    wardCode: String(f.properties.ward_code_2025),
    source: `osm:${String(f.properties.source_file).replace(/^osm_|_\d{4}-\d{2}\.osm$/g, '')}`,
    namesUnit: ['addr:subdistrict', 'addr:district', 'addr:city', 'addr:province'].some((k) => f.properties[k]),
  }));
}

export async function loadEvalLines(evalDir = EVAL_DIR): Promise<LabelledLine[]> {
  const rows = JSON.parse(await readFile(path.join(evalDir, 'real-addresses.json'), 'utf8')) as {
    text: string;
    ward_code_2025: string;
    source: string;
  }[];
  return rows.map((r) => ({ text: r.text, wardCode: r.ward_code_2025, source: r.source }));
}

export function classify(parsed: ParsedAddress, wardCode: string): Outcome {
  if (parsed.ward) return parsed.ward.code === wardCode ? 'resolved' : 'wrong_ward';
  if (parsed.candidates.length) return parsed.candidates.some((c) => c.code === wardCode) ? 'among_candidates' : 'candidates_miss';
  return parsed.province ? 'province_only' : 'nothing';
}

/**
 * What the parser may know beyond the units: the street gazetteer (named roads cut by ward, from
 * the OSM road ways, never from the address points), and optionally other houses on the same
 * street with their wards. `houses: 'others'` measures a registry that holds every *other* labelled
 * house: the line's own house (same street, same number, however often it appears) is left out.
 */
export type StreetKnowledge = { streets: StreetWard[]; houses?: 'others' };

export function evaluate(lines: LabelledLine[], g: Gazetteer, knowledge?: StreetKnowledge): EvalReport {
  const outcomes: Record<Outcome, number> = {
    resolved: 0,
    wrong_ward: 0,
    among_candidates: 0,
    candidates_miss: 0,
    province_only: 0,
    nothing: 0,
  };
  const bySource: EvalReport['bySource'] = {};
  const parsed = lines.map((line) => parseAddress(line.text, g));
  const registry: (KnownHouse & { index: number })[] =
    knowledge?.houses === 'others'
      ? parsed.flatMap((p, index) =>
          p.street && p.houseNumber
            ? [{ key: streetKey(p.street), houseNumber: p.houseNumber, wardCode: lines[index]!.wardCode, index }]
            : [],
        )
      : [];
  for (const [index, line] of lines.entries()) {
    let result = parsed[index]!;
    if (knowledge) {
      const own = result.street && result.houseNumber ? { key: streetKey(result.street), houseNumber: result.houseNumber } : null;
      const others = registry.filter((h) => !(own && h.key === own.key && h.houseNumber === own.houseNumber));
      result = placeOnStreet(g, result, knowledge.streets, others);
    }
    const outcome = classify(result, line.wardCode);
    outcomes[outcome]++;
    const source = (bySource[line.source] ??= { total: 0, resolved: 0 });
    source.total++;
    if (outcome === 'resolved') source.resolved++;
  }
  return { total: lines.length, resolved: outcomes.resolved, accuracy: outcomes.resolved / lines.length, bySource, outcomes };
}

const percent = (n: number, d: number) => `${((100 * n) / d).toFixed(1)} %`;

function printReport(title: string, report: EvalReport): void {
  console.log(`\n${title}: ${report.resolved}/${report.total} = ${percent(report.resolved, report.total)} resolved to the right 2025 ward`);
  for (const [source, s] of Object.entries(report.bySource))
    console.log(`  ${source.padEnd(34)} ${String(s.resolved).padStart(4)}/${String(s.total).padEnd(4)} ${percent(s.resolved, s.total)}`);
  console.log('  outcomes:');
  for (const [outcome, n] of Object.entries(report.outcomes))
    console.log(`    ${outcome.padEnd(18)} ${String(n).padStart(4)}  ${percent(n, report.total)}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const g = buildGazetteer(await loadGazetteerInput(DATA_DIR));
  console.log(
    `gazetteer built in ${(performance.now() - started).toFixed(0)} ms (${g.unresolvedMappings} crosswalk rows without a resolvable target)`,
  );

  const osm = await loadOsmLines();
  printReport('OSM address points (addr:* tags joined), units only', evaluate(osm, g));
  const withUnits = osm.filter((l) => l.namesUnit);
  printReport('OSM points whose line names at least one unit', evaluate(withUnits, g));
  // The street gazetteer lives in the database (built by the seed from the OSM road ways).
  if (process.env.DATABASE_URL) {
    const knex = createKnex(process.env.DATABASE_URL, 1);
    const streets = await createSearchRepository(createSqlRunner(knex, { prepared: false })).streetWards();
    await knex.destroy();
    printReport(`OSM points + street gazetteer (${streets.length} street pieces)`, evaluate(osm, g, { streets }));
    printReport(
      'OSM points + street gazetteer + the other houses of the set as registered addresses',
      evaluate(osm, g, { streets, houses: 'others' }),
    );
  } else console.log('\n(set DATABASE_URL to a seeded database to measure with the street gazetteer)');

  const evalLines = await loadEvalLines();
  const t0 = performance.now();
  printReport('Eval set (real-addresses.json)', evaluate(evalLines, g));
  console.log(`\n${((performance.now() - t0) / evalLines.length).toFixed(3)} ms per line`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
