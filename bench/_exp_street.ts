import knexLib from 'knex';
import { buildGazetteer } from '../server/search/gazetteer.js';
import { loadGazetteerInput } from '../server/search/gazetteer-source.js';
import { parseAddress } from '../server/search/parse-address.js';
import { foldKey } from '../server/search/normalize.js';
import { loadOsmLines, DATA_DIR } from '../bench/parser-eval.js';
const knex = knexLib({ client: 'pg', connection: 'postgres://postgres@127.0.0.1:54329/vnac' });
const { rows } = await knex.raw(`SELECT r.name, w.code, sum(ST_Length(ST_Intersection(r.geom, w.geom)::geography)) AS len
  FROM map_roads r JOIN wards w ON ST_Intersects(r.geom, w.geom) WHERE r.name IS NOT NULL GROUP BY 1,2`);
const strip = (s: string) => foldKey(s).replace(/^(duong|pho|street|st|hem|ngo|kiet)\s+/, '');
const idx = new Map<string, { code: string; len: number }[]>();
for (const r of rows) { const k = strip(r.name); (idx.get(k) ?? idx.set(k, []).get(k)!).push({ code: r.code, len: r.len }); }
console.log('street keys', idx.size);
const g = buildGazetteer(await loadGazetteerInput(DATA_DIR));
const lines = await loadOsmLines();
let ok = 0, single = 0, multi = 0, none = 0, nostreet = 0, wrongParse = 0; const misses: string[] = [];
for (const l of lines) {
  const p = parseAddress(l.text, g);
  if (p.ward) { if (p.ward.code === l.wardCode) ok++; else { wrongParse++; misses.push('WRONG ' + l.text + ' → ' + p.ward.name + ' want ' + l.wardCode); } continue; }
  if (!p.street) { nostreet++; misses.push('NOSTREET ' + l.text); continue; }
  let c = idx.get(strip(p.street)) ?? [];
  if (p.candidates.length) c = c.filter((x) => p.candidates.some((y) => y.code === x.code));
  if (!c.length) { none++; misses.push('NOIDX ' + l.text + ' key=' + strip(p.street)); continue; }
  c.sort((a, b) => b.len - a.len);
  if (c.length === 1) single++; else multi++;
  if (c[0]!.code === l.wardCode) ok++; else misses.push(`MULTI ${l.text} → ${c.map((x) => x.code + ':' + x.len.toFixed(0)).join(' ')} want ${l.wardCode}`);
}
console.log({ total: lines.length, ok, single, multi, none, nostreet, wrongParse, acc: ok / lines.length });
console.log(misses.slice(0, 80).join('\n'));
await knex.destroy();
