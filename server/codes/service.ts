/**
 * Decoding codes for the API: the pure codec for the cell, the repository for what is registered
 * there and which ward it lies in. Concurrent single lookups are coalesced into one set-based
 * query per turn of the event loop (DataLoader), which is what lets a lookup run at a large share
 * of the framework's own ceiling (BENCHMARKS.md).
 */
import DataLoader from 'dataloader';
import { cellToBoundary, greatCircleDistance } from 'h3-js';
import ngeohash from 'ngeohash';
import type { z } from 'zod';
import { presentAddress } from '../addresses/present.js';
import type { AdminDirectory } from '../admin/directory.js';
import { canManage, type Viewer } from '../accounts/viewer.js';
import { Problem } from '../http/problem.js';
import { decode, formatCode, FORMAT_VERSION, oneEditCandidates, parseCode, type ParsedCode, type ParseFailure } from './codec.js';
import type { CodesRepository, LookupKey, LookupRow } from './repository.js';
import type { CodeError, CodeInfo, CodeLookup } from './schemas.js';
import { round7 } from '../lib/geo.js';

const MAX_SUGGESTIONS = 5;
type LatLng = [number, number];
type Failure = Extract<ParsedCode, { ok: false }>;

/** 422: the point has no code (encode answered null). */
export function outsideCoverage(lat: number, lng: number) {
  return new Problem(
    422,
    'outside-coverage',
    'Outside coverage',
    `No address code exists at ${lat},${lng}: codes cover Vietnam, its islands and a sea margin.`,
  );
}

export function describeCode(code: string, unit: string | null): z.infer<typeof CodeInfo>;
export function describeCode(
  code: string,
  unit: string | null,
  options: { cell: boolean },
): Omit<z.infer<typeof CodeInfo>, 'cell'> & Partial<Pick<z.infer<typeof CodeInfo>, 'cell'>>;
export function describeCode(code: string, unit: string | null, { cell = true }: { cell?: boolean } = {}) {
  const { h3, lat, lng } = decode(code);
  return {
    code: formatCode(code, unit),
    formatVersion: FORMAT_VERSION,
    h3,
    lat: round7(lat),
    lng: round7(lng),
    ...(cell
      ? { cell: { type: 'Polygon' as const, coordinates: [cellToBoundary(h3, true).map(([x, y]) => [round7(x!), round7(y!)])] } }
      : {}),
    geohash: ngeohash.encode(lat, lng, 9),
  };
}

const TITLES: Record<ParseFailure, string> = {
  empty: 'Empty code',
  characters: 'Invalid characters in code',
  length: 'Wrong code length',
  check: 'Check character mismatch',
  coverage: 'Code not assigned',
  unit: 'Invalid unit',
};

function errorOf(failure: Failure, suggestions: string[]): z.infer<typeof CodeError> {
  const hint = suggestions.length ? ` Did you mean ${suggestions[0]}?` : '';
  return { status: 400, type: '/problems/invalid-code', title: TITLES[failure.reason], detail: failure.message + hint, suggestions };
}

type Resolver = Awaited<ReturnType<AdminDirectory['resolver']>>;

export function createCodesService({ repo, admin }: { repo: CodesRepository; admin: AdminDirectory }) {
  const loader = new DataLoader<LookupKey, LookupRow>(
    async (keys) => {
      const rows = await repo.lookup(keys);
      return keys.map((_, index) => rows[index]!);
    },
    { cache: false, maxBatchSize: 1000, batchScheduleFn: (run) => setImmediate(run) },
  );

  /**
   * A registered address has its ward stored; any other code gets the ward of its cell centre.
   * A private address is shown only to its owner and its ward's staff: to anyone else the code
   * decodes exactly like an unregistered one.
   */
  function present(
    code: string,
    unit: string | null,
    row: LookupRow,
    resolver: Resolver,
    viewer: Viewer | null,
  ): z.infer<typeof CodeLookup>;
  function present(
    code: string,
    unit: string | null,
    row: LookupRow,
    resolver: Resolver,
    viewer: Viewer | null,
    cell: boolean,
  ): Omit<z.infer<typeof CodeLookup>, 'cell'>;
  function present(code: string, unit: string | null, row: LookupRow, resolver: Resolver, viewer: Viewer | null, cell = true) {
    const info = describeCode(code, unit, { cell });
    const registered = row.code != null && (!row.private || canManage(viewer, row));
    return {
      ...info,
      admin: resolver.admin(registered ? row.ward_code : resolver.wardAt(info.lat, info.lng)),
      registered,
      ...(registered ? { address: presentAddress(row as Required<LookupRow>) } : {}),
    };
  }

  const keyOf = (code: string, unit: string | null): LookupKey => ({ code, unit: unit ?? '' });

  /**
   * Valid codes one edit away from each failure, likeliest first: registered addresses, then
   * (with `near`) the nearest, then codes on land before codes at sea. One query for all.
   */
  async function suggestMany(failures: Failure[], near?: LatLng): Promise<string[][]> {
    const perFailure = failures.map((f) => (f.reason === 'unit' || f.reason === 'empty' ? [] : oneEditCandidates(f.normalized)));
    const all = [...new Set(perFailure.flat())];
    const [registered, resolver] = await Promise.all([repo.registered(all), admin.resolver()]);
    const where = new Map(all.map((c) => [c, decode(c)]));
    const score = (code: string) => {
      const { lat, lng } = where.get(code)!;
      const distance = near ? greatCircleDistance([lat, lng], near, 'm') : 0;
      return [registered.has(code) ? 0 : 1, distance, resolver.wardAt(lat, lng) ? 0 : 1] as const;
    };
    return perFailure.map((candidates) =>
      candidates
        .map((code, order) => ({ code, key: [...score(code), order] }))
        .sort((a, b) => compareKeys(a.key, b.key))
        .slice(0, MAX_SUGGESTIONS)
        .map((c) => formatCode(c.code)),
    );
  }

  return {
    /** The code and unit of forgiving input, or a 400 problem with suggestions. */
    async parseOrThrow(input: string, near?: LatLng): Promise<{ code: string; unit: string | null }> {
      const parsed = parseCode(input);
      if (parsed.ok) return { code: parsed.code, unit: parsed.unit };
      const [suggestions] = await suggestMany([parsed], near);
      const error = errorOf(parsed, suggestions!);
      throw new Problem(400, 'invalid-code', error.title, error.detail, { reason: parsed.reason, suggestions: error.suggestions });
    },

    /** Valid codes one edit away from a mistyped one, likeliest first (none when it is valid). */
    async suggest(input: string, near?: LatLng): Promise<string[]> {
      const parsed = parseCode(input);
      if (parsed.ok) return [];
      const [suggestions] = await suggestMany([parsed], near);
      return suggestions!;
    },

    async lookup(code: string, unit: string | null, viewer: Viewer | null = null) {
      const [row, resolver] = await Promise.all([loader.load(keyOf(code, unit)), admin.resolver()]);
      return present(code, unit, row, resolver, viewer);
    },

    /** Batch decode, answered in input order; one query for all valid codes, one for all suggestions. `cell: false` leaves out the cell outlines. */
    async lookupMany(queries: string[], viewer: Viewer | null = null, { cell = true }: { cell?: boolean } = {}) {
      const parsed = queries.map((q) => parseCode(q));
      const valid = parsed.filter((p): p is Extract<ParsedCode, { ok: true }> => p.ok);
      const failures = parsed.filter((p): p is Failure => !p.ok);
      const [rows, suggestions, resolver] = await Promise.all([
        valid.length ? repo.lookup(valid.map((v) => keyOf(v.code, v.unit))) : Promise.resolve([]),
        failures.length ? suggestMany(failures) : Promise.resolve([]),
        admin.resolver(),
      ]);
      let nextRow = 0;
      let nextFailure = 0;
      return parsed.map((p, i) => {
        if (!p.ok) return { query: queries[i]!, result: null, error: errorOf(p, suggestions[nextFailure++]!) };
        return { query: queries[i]!, result: present(p.code, p.unit, rows[nextRow++]!, resolver, viewer, cell) };
      });
    },
  };
}
export type CodesService = ReturnType<typeof createCodesService>;

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
