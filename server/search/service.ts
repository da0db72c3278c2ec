/**
 * Search and parsing with what the database knows: the pure parser (units, crosswalk), then the
 * street gazetteer and the registered house numbers to place lines that name no ward; the
 * conversion of pre-2025 units to 2025 ones; and /v1/search, one box over codes, units (2025 and
 * pre-2025), streets and registered addresses, read as the steps of search-steps.ts.
 */
import type { z } from 'zod';
import type { AdminDirectory } from '../admin/directory.js';
import type { CodesService } from '../codes/service.js';
import { notFound } from '../http/problem.js';
import type { Gazetteer } from './gazetteer.js';
import { parseAddress, type ParsedAddress } from './parse-address.js';
import { cooperative } from '../lib/cooperative.js';
import type { SearchRepository } from './repository.js';
import type { Converted, ParsedLine } from './schemas.js';
import {
  codePrefix,
  misspeltStreets,
  rank,
  readCode,
  readQuery,
  searchableText,
  streetsAndAddresses,
  unitsByName,
  unitsParsed,
  wholeCode,
  type SearchContext,
  type SearchResult,
} from './search-steps.js';
import { placeOnStreet, streetKey, type StreetWard } from './street-place.js';

export type { SearchResult } from './search-steps.js';
export type SearchQuery = { q: string; near: [number, number] | null; limit: number };
/** Old units as a user writes them (any spelling), and optionally the address's point to choose between candidates. */
export type ConvertQuery = { ward?: string; district?: string; province?: string; point?: [number, number] };

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  return () => (value ??= load().catch((error) => ((value = null), Promise.reject(error))));
}

export function createSearchService({
  gazetteer,
  repo,
  admin,
  codes,
}: {
  gazetteer: () => Promise<Gazetteer>;
  repo: SearchRepository;
  admin: AdminDirectory;
  codes: CodesService;
}) {
  // The street gazetteer and unit label points are reference data: read once, reloaded by a restart
  // after a reseed (the admin directory reloads itself; these are small and change with it).
  const streetWards = once(async () => {
    const byKey = new Map<string, StreetWard[]>();
    for (const s of await repo.streetWards()) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s]);
    return byKey;
  });
  const unitPoints = once(async () => new Map((await repo.unitPoints()).map((p) => [p.code, p])));

  /**
   * Parses lines, then places those without a settled ward by their street (one query for the
   * batch), and gives each settled ward its postal code.
   */
  async function parseMany(texts: string[]): Promise<z.infer<typeof ParsedLine>[]> {
    const [placed, resolver] = await Promise.all([parseAndPlace(texts), admin.resolver()]);
    return placed.map((p) => ({ ...p, wardPostalCode: p.ward ? resolver.admin(p.ward.code).postalCode : null }));
  }

  async function parseAndPlace(texts: string[]): Promise<ParsedAddress[]> {
    const g = await gazetteer();
    // a batch of long lines is seconds of CPU: in slices, so that other requests are answered meanwhile
    const turn = cooperative();
    const parsed: ParsedAddress[] = [];
    for (const t of texts) {
      parsed.push(parseAddress(t, g));
      await turn();
    }
    const needsStreet = new Set(parsed.filter((p) => p.street && (!p.ward || p.oldWard || p.oldDistrict)));
    if (!needsStreet.size) return parsed;
    const keys = [...new Set([...needsStreet].map((p) => streetKey(p.street!)))].filter(Boolean);
    const [streets, houses] = await Promise.all([streetWards(), repo.knownHouses(keys)]);
    const relevant: StreetWard[] = keys.flatMap((k) => streets.get(k) ?? []);
    return parsed.map((p) => (needsStreet.has(p) ? placeOnStreet(g, p, relevant, houses) : p));
  }

  return {
    parseMany,
    warm: async () => void (await Promise.all([gazetteer(), streetWards(), unitPoints()])),

    /**
     * Pre-2025 units (ward, district, province) to their 2025 ward and province; where the old
     * ward went to several new ones, the candidates, or the one containing `point`.
     */
    async convert(query: ConvertQuery): Promise<z.infer<typeof Converted>> {
      const line = [query.ward, query.district, query.province].filter((s) => s && s.trim()).join(', ');
      if (!line) throw notFound('Give at least one of ward, district, province.');
      const parsed = parseAddress(line, await gazetteer());
      if (!parsed.ward && !parsed.province && parsed.candidates.length === 0) throw notFound(`Nothing matches "${line}".`);
      let ward = parsed.ward;
      if (query.point && parsed.candidates.length > 1) {
        const inside = (await admin.resolver()).wardAt(query.point[0], query.point[1]);
        ward = parsed.candidates.find((c) => c.code === inside) ?? ward;
      }
      return { ward, province: parsed.province, ...(parsed.candidates.length > 1 ? { candidates: parsed.candidates } : {}) };
    },

    /** One box: the steps of search-steps.ts, top to bottom. */
    async search({ q, near, limit }: SearchQuery): Promise<SearchResult[]> {
      const text = searchableText(q);
      if (!text) return [];
      const [g, points, resolver] = await Promise.all([gazetteer(), unitPoints(), admin.resolver()]);
      const ctx: SearchContext = { text, near, limit, g, points, resolver, repo, codes };
      const code = readCode(text);
      if (code.whole) return wholeCode(ctx);
      const query = readQuery(ctx);
      const found = [
        ...(await codePrefix(ctx, code.prefix)),
        ...unitsByName(ctx),
        ...unitsParsed(ctx, query),
        ...(await streetsAndAddresses(ctx, query)),
      ];
      if (!found.length) found.push(...(await misspeltStreets(ctx)));
      return rank(found, limit);
    },
  };
}
export type SearchService = ReturnType<typeof createSearchService>;
