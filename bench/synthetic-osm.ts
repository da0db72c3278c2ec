/**
 * Writes a synthetic OpenStreetMap XML file: an N×N street grid (nodes, one way per row and per
 * column, names, some one-way), to measure `npm run import:osm` at scale without a country extract.
 *   npx tsx bench/synthetic-osm.ts 1000 /tmp/grid.osm
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';

export async function writeSyntheticOsm(side: number, file: string): Promise<void> {
  const out = createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  const step = 0.0008;
  await write('<?xml version=\'1.0\' encoding=\'UTF-8\'?>\n<osm version="0.6" generator="vnac synthetic grid">\n');
  for (let r = 0; r < side; r++) {
    let chunk = '';
    for (let c = 0; c < side; c++)
      chunk += ` <node id="${r * side + c + 1}" lat="${(10 + r * step).toFixed(7)}" lon="${(105 + c * step).toFixed(7)}"/>\n`;
    await write(chunk);
  }
  let wayId = 1;
  for (let r = 0; r < side; r++) {
    const refs = Array.from({ length: side }, (_, c) => ` <nd ref="${r * side + c + 1}"/>`).join('\n');
    await write(
      ` <way id="${wayId++}">\n${refs}\n <tag k="highway" v="${r % 5 === 0 ? 'primary' : 'residential'}"/>\n <tag k="name" v="Phố Ngang ${r}"/>\n${r % 3 === 0 ? ' <tag k="oneway" v="yes"/>\n' : ''} </way>\n`,
    );
  }
  for (let c = 0; c < side; c++) {
    const refs = Array.from({ length: side }, (_, r) => ` <nd ref="${r * side + c + 1}"/>`).join('\n');
    await write(
      ` <way id="${wayId++}">\n${refs}\n <tag k="highway" v="${c % 7 === 0 ? 'secondary' : 'service'}"/>\n <tag k="name" v="Đường Dọc ${c}"/>\n </way>\n`,
    );
  }
  await write('</osm>\n');
  out.end();
  await once(out, 'finish');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const side = Number(process.argv[2] ?? 1000);
  const file = process.argv[3] ?? `/tmp/grid-${side}.osm`;
  await writeSyntheticOsm(side, file);
  console.log(`wrote ${file}: ${side * side} nodes, ${2 * side} ways`);
}
