/**
 * A synthetic street grid for tests and benchmarks: `rows × cols` junctions about `spacingM`
 * apart near Hà Nội, streets named by row and column, a share of them one-way (alternating
 * directions, as in old quarters), classes mixed so profiles differ. Deterministic per seed.
 */
import type { EdgeRow } from '../../server/routing/graph.js';
import { haversineM } from '../../server/lib/geo.js';
import { edgeCosts } from '../../server/routing/profiles.js';

export function syntheticGrid(rows: number, cols: number, { spacingM = 80, onewayShare = 0.3, seed = 1 } = {}): EdgeRow[] {
  let s = seed >>> 0;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const dLat = spacingM / 111_320;
  const dLng = dLat / Math.cos((21 * Math.PI) / 180);
  const at = (r: number, c: number) => [105.8 + c * dLng * (1 + (rand() - 0.5) * 0.05), 21.0 + r * dLat];
  const points: number[][] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) points.push(at(r, c));
  const edges: EdgeRow[] = [];
  const rowOneway = Array.from({ length: rows }, () => rand() < onewayShare);
  const colOneway = Array.from({ length: cols }, () => rand() < onewayShare);
  const classes = ['primary', 'secondary', 'residential', 'residential', 'service'];
  const add = (a: number, b: number, name: string, tags: Record<string, string>) => {
    const [p, q] = [points[a]!, points[b]!];
    const lengthM = haversineM(p[1]!, p[0]!, q[1]!, q[0]!);
    edges.push({
      id: edges.length + 1,
      source: a,
      target: b,
      name,
      highway: tags.highway!,
      lengthM,
      costs: edgeCosts(tags, lengthM),
      coords: [p[0]!, p[1]!, q[0]!, q[1]!],
    });
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = r * cols + c;
      if (c + 1 < cols) {
        const forward = r % 2 === 0;
        add(forward ? v : v + 1, forward ? v + 1 : v, `Phố Ngang ${r}`, {
          highway: classes[r % classes.length]!,
          ...(rowOneway[r] ? { oneway: 'yes' } : {}),
        });
      }
      if (r + 1 < rows) {
        const forward = c % 2 === 0;
        add(forward ? v : v + cols, forward ? v + cols : v, `Phố Dọc ${c}`, {
          highway: classes[(c + 2) % classes.length]!,
          ...(colOneway[c] ? { oneway: 'yes' } : {}),
        });
      }
      // a few footpaths across blocks: walkers only
      if (r + 1 < rows && c + 1 < cols && rand() < 0.1) add(v, v + cols + 1, `Ngõ ${r}-${c}`, { highway: 'footway' });
    }
  }
  return edges;
}
