/**
 * Streams OpenStreetMap data: .osm XML directly (saxes), .osm.pbf through Debian's osmium-tool
 * (`osmium cat` → XML on a pipe), so a country file never sits in memory. Callbacks receive nodes
 * and ways as they pass; `onProgress` gets the share of the input file read so far.
 */
import { spawn } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { SaxesParser } from 'saxes';

export type OsmHandlers = {
  node?: (id: number, lat: number, lng: number) => void;
  way?: (id: number, refs: number[], tags: Record<string, string>) => void;
  /** Return true to stop reading (nodes come before ways in OSM files). */
  stopAtFirstWay?: boolean;
};

class StopReading extends Error {}

export async function readOsm(file: string, handlers: OsmHandlers, onProgress: (share: number) => void = () => {}): Promise<void> {
  const size = statSync(file).size;
  let read = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      read += chunk.length;
      onProgress(size ? read / size : 1);
      done(null, chunk);
    },
  });
  const input = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(counter);
  const pbf = /\.pbf$/i.test(file);
  let xml: Readable = input;
  let osmium: ReturnType<typeof spawn> | null = null;
  if (pbf) {
    osmium = spawn('osmium', ['cat', '--no-progress', '-F', 'pbf', '-', '-f', 'osm', '-o', '-'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const spawned = new Promise<void>((resolve, reject) => {
      osmium!.once('spawn', () => resolve());
      osmium!.once('error', (e: NodeJS.ErrnoException) =>
        reject(
          e.code === 'ENOENT' ? new Error('reading .osm.pbf needs osmium-tool (apt-get install osmium-tool), or give an .osm file') : e,
        ),
      );
    });
    await spawned;
    input.pipe(osmium.stdin!).on('error', () => {}); // EPIPE when we stop early
    xml = osmium.stdout!;
  }

  const parser = new SaxesParser();
  let way: { id: number; refs: number[]; tags: Record<string, string> } | null = null;
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    if (tag.name === 'node') {
      handlers.node?.(Number(a.id), Number(a.lat), Number(a.lon));
    } else if (tag.name === 'way') {
      if (handlers.stopAtFirstWay) throw new StopReading();
      way = { id: Number(a.id), refs: [], tags: {} };
    } else if (way && tag.name === 'nd') way.refs.push(Number(a.ref));
    else if (way && tag.name === 'tag') way.tags[a.k!] = a.v!;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'way' && way) {
      handlers.way?.(way.id, way.refs, way.tags);
      way = null;
    }
  });
  try {
    xml.setEncoding('utf8');
    for await (const chunk of xml) parser.write(chunk as string);
    parser.close();
    onProgress(1);
  } catch (error) {
    if (!(error instanceof StopReading)) throw error;
  } finally {
    input.destroy();
    osmium?.kill();
  }
}
