/**
 * Search latency as a user types: the prefixes of house number + street of random registered
 * addresses ("5", "59 d", "59 duong ng", … in ASCII, and the whole line with diacritics), and the
 * starts of street names alone, half of them with `near`. Requests one at a time (a typing user
 * waits for each), so the figures are latencies, not throughput.
 */
import type { Knex } from 'knex';
import { foldKey } from '../server/search/normalize.js';

export async function searchQueries(knex: Knex, count: number): Promise<string[]> {
  const { rows } = await knex.raw(
    `SELECT house_number, street, ST_Y(geom) AS lat, ST_X(geom) AS lng FROM addresses
     WHERE street IS NOT NULL AND house_number IS NOT NULL ORDER BY random() LIMIT ?`,
    [count],
  );
  const paths: string[] = [];
  for (const [i, r] of (rows as { house_number: string; street: string; lat: number; lng: number }[]).entries()) {
    const near = i % 2 ? `&near=${r.lat.toFixed(4)},${r.lng.toFixed(4)}` : '';
    const typed = `${r.house_number} ${foldKey(r.street)}`;
    const prefixes = new Set<string>();
    for (let n = 2; n < typed.length; n += 3) prefixes.add(typed.slice(0, n).trim());
    prefixes.add(typed);
    prefixes.add(`${r.house_number} ${r.street}`);
    prefixes.add(
      foldKey(r.street)
        .replace(/^duong /, '')
        .slice(0, 6)
        .trim(),
    );
    for (const q of prefixes) if (q.length >= 2) paths.push(`/v1/search?q=${encodeURIComponent(q)}&limit=10${near}`);
  }
  return paths;
}

export type Latency = { n: number; p50: number; p95: number; p99: number; errors: number };

export async function sequentialLatency(base: string, paths: string[]): Promise<Latency> {
  const times: number[] = [];
  let errors = 0;
  for (const p of paths) {
    const t = performance.now();
    const res = await fetch(base + p);
    await res.arrayBuffer();
    times.push(performance.now() - t);
    if (!res.ok) errors++;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))]!;
  return { n: times.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), errors };
}
