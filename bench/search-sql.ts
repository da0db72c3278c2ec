/**
 * `npx tsx bench/search-sql.ts DB [ADDRESSES]`: the SQL of search-as-you-type candidates alone, for the typed prefixes of
 * random registered addresses (bench/search.ts), before and after the prefix lexemes of migration 20261123001100,
 * (now: the repository's whole address query, ranked), one query at a time on one connection (issue 8: why search slows down at 24 M addresses).
 */
import knexFactory from 'knex';
import { searchQueries } from './search.js';
import { prefixQuery, sqlFoldWords } from '../server/search/text-query.js';
import { createSqlRunner } from '../server/db/query.js';
import { createSearchRepository } from '../server/search/repository.js';
const db = process.argv[2]!;
const knex = knexFactory({
  client: 'pg',
  connection: `postgres://postgres@127.0.0.1:${process.env.PGPORT_LOCAL ?? 54329}/${db}`,
  pool: { min: 1, max: 1 },
});
const repo = createSearchRepository(createSqlRunner(knex, { prepared: true }));
await knex.raw('SELECT setseed(0.42)');
const paths = (await searchQueries(knex, Number(process.argv[3] ?? 20))).map((p) =>
  decodeURIComponent(new URL(p, 'http://x').searchParams.get('q')!),
);
const hasTerms = (await knex.raw("SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'addresses_search_terms_idx'")).rows[0].n > 0;
const time = async (sql: string, args: (string | null)[]) => {
  const t = performance.now();
  await knex.raw(sql, args);
  return performance.now() - t;
};
const old: number[] = [],
  neu: number[] = [];
for (const q of paths) {
  const ts = prefixQuery(sqlFoldWords(q));
  if (!ts) continue;
  old.push(await time(`SELECT code FROM addresses WHERE NOT private AND search_terms @@ to_tsquery('simple', ?) LIMIT 300`, [ts]));
  if (hasTerms) {
    // what /v1/search runs now: the repository's address query (prefix lexemes; a single word samples GIN), ranked, 10 rows
    const t = performance.now();
    await repo.addresses({ tsquery: ts, wards: null, near: null, limit: 10, exactKey: '' });
    neu.push(performance.now() - t);
    if (process.env.SHOW_SLOW && neu.at(-1)! > Number(process.env.SHOW_SLOW)) console.log(`slow: ${neu.at(-1)!.toFixed(1)} ms  ${ts}`);
  }
}
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(s.length * p))]!.toFixed(1);
  return xs.length
    ? `n=${xs.length} p50=${at(0.5)} ms p95=${at(0.95)} ms p99=${at(0.99)} ms max=${s[s.length - 1]!.toFixed(1)} ms`
    : 'not measured';
};
console.log(`${db}: candidates query, prefix via GIN partial match (before): ${stats(old)}`);
console.log(`${db}: the repository's address query (prefix lexemes; candidate plan of 20261205000100): ${stats(neu)}`);
await knex.destroy();
