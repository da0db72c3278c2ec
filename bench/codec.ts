/** Codec speed against h3-js alone and against open-location-code, measured interleaved. */
import { cellToLatLng, latLngToCell } from 'h3-js';
import OLC from 'open-location-code';
import { codeToCell, encode, decode } from '../server/codes/codec.js';

type Row = { name: string; opsPerSec: number; baseline: string; baselineOpsPerSec: number };

function opsPerSecond(fn: (i: number) => unknown, n: number): number {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) if (fn(i)) sink++;
  const ns = Number(process.hrtime.bigint() - start);
  if (sink < 0) console.log(sink);
  return (n / ns) * 1e9;
}

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function benchCodec(rounds = 7, n = 200_000): Row[] {
  const olc = new OLC.OpenLocationCode();
  const pts = Array.from(
    { length: 4096 },
    (_, i) => [8.6 + (((i * 7919) % 4096) / 4096) * 14.5, 102.2 + (((i * 104729) % 4096) / 4096) * 7.2] as const,
  );
  const inside = pts.filter(([lat, lng]) => encode(lat, lng));
  const m = inside.length;
  const codes = inside.map(([lat, lng]) => encode(lat, lng)!);
  const cells = inside.map(([lat, lng]) => latLngToCell(lat, lng, 14));
  const olcCodes = inside.map(([lat, lng]) => olc.encode(lat, lng, 11));
  const runs: Record<string, number[]> = {};
  const add = (k: string, v: number) => (runs[k] ??= []).push(v);
  for (let r = 0; r < rounds; r++) {
    add(
      'encode',
      opsPerSecond((i) => encode(inside[i % m]![0], inside[i % m]![1]), n),
    );
    add(
      'h3.latLngToCell',
      opsPerSecond((i) => latLngToCell(inside[i % m]![0], inside[i % m]![1], 14), n),
    );
    add(
      'olc.encode',
      opsPerSecond((i) => olc.encode(inside[i % m]![0], inside[i % m]![1], 11), n),
    );
    add(
      'decode',
      opsPerSecond((i) => decode(codes[i % m]!), n),
    );
    add(
      'codeToCell',
      opsPerSecond((i) => codeToCell(codes[i % m]!), n),
    );
    add(
      'h3.cellToLatLng',
      opsPerSecond((i) => cellToLatLng(cells[i % m]!), n),
    );
    add(
      'olc.decode',
      opsPerSecond((i) => olc.decode(olcCodes[i % m]!), n),
    );
  }
  const med = (k: string) => median(runs[k]!);
  return [
    {
      name: 'encode (lat,lng → code)',
      opsPerSec: med('encode'),
      baseline: 'h3-js latLngToCell(res 14)',
      baselineOpsPerSec: med('h3.latLngToCell'),
    },
    {
      name: 'encode (lat,lng → code)',
      opsPerSec: med('encode'),
      baseline: 'open-location-code encode (11 chars)',
      baselineOpsPerSec: med('olc.encode'),
    },
    {
      name: 'decode (code → cell + centre)',
      opsPerSec: med('decode'),
      baseline: 'h3-js cellToLatLng',
      baselineOpsPerSec: med('h3.cellToLatLng'),
    },
    {
      name: 'decode (code → cell + centre)',
      opsPerSec: med('decode'),
      baseline: 'open-location-code decode',
      baselineOpsPerSec: med('olc.decode'),
    },
    {
      name: 'code → H3 cell only',
      opsPerSec: med('codeToCell'),
      baseline: 'h3-js cellToLatLng',
      baselineOpsPerSec: med('h3.cellToLatLng'),
    },
  ];
}
