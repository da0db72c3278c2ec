/**
 * Turn-by-turn directions from a path: consecutive pieces on the same street become one step;
 * each step starts with a manoeuvre read from the change of bearing where it begins. Instructions
 * in Vietnamese (the street names as OSM writes them) and in English.
 */
import type { z } from 'zod';
import { edgeSlice, type Graph } from './graph.js';
import type { Path } from './router.js';
import type { Step as StepShape } from './schemas.js';

/** The manoeuvres a step may name, published as the API's modifier enum (schemas.ts). */
export const MODIFIERS = ['straight', 'slight right', 'right', 'sharp right', 'uturn', 'sharp left', 'left', 'slight left'] as const;
export type Modifier = (typeof MODIFIERS)[number];
/** A step as the API answers it, with the [lng, lat] where the manoeuvre happens as a pair. */
export type Step = Omit<z.infer<typeof StepShape>, 'location'> & { location: [number, number] };

const toRad = Math.PI / 180;
function bearing(a: number[], b: number[]): number {
  const [lng1, lat1] = [a[0]! * toRad, a[1]! * toRad];
  const [lng2, lat2] = [b[0]! * toRad, b[1]! * toRad];
  const y = Math.sin(lng2 - lng1) * Math.cos(lat2);
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(lng2 - lng1);
  return (Math.atan2(y, x) / toRad + 360) % 360;
}

export function modifierOf(turn: number): Modifier {
  const a = Math.abs(turn);
  if (a < 20) return 'straight';
  if (a > 165) return 'uturn';
  const side = turn > 0 ? 'right' : 'left';
  if (a < 50) return `slight ${side}`;
  if (a < 130) return side;
  return `sharp ${side}`;
}

const COMPASS_VI = ['Bắc', 'Đông Bắc', 'Đông', 'Đông Nam', 'Nam', 'Tây Nam', 'Tây', 'Tây Bắc'];
const COMPASS_EN = ['north', 'northeast', 'east', 'southeast', 'south', 'southwest', 'west', 'northwest'];
const TURN_VI: Record<Modifier, string> = {
  straight: 'Đi thẳng vào',
  'slight right': 'Chếch phải vào',
  right: 'Rẽ phải vào',
  'sharp right': 'Rẽ ngoặt phải vào',
  uturn: 'Quay đầu vào',
  'sharp left': 'Rẽ ngoặt trái vào',
  left: 'Rẽ trái vào',
  'slight left': 'Chếch trái vào',
};
const TURN_EN: Record<Modifier, string> = {
  straight: 'Continue onto',
  'slight right': 'Bear right onto',
  right: 'Turn right onto',
  'sharp right': 'Turn sharp right onto',
  uturn: 'Make a U-turn onto',
  'sharp left': 'Turn sharp left onto',
  left: 'Turn left onto',
  'slight left': 'Bear left onto',
};

/** The path's line, and the line of each piece, in travel order. */
export function pieceLines(g: Graph, path: Path): number[][][] {
  return path.pieces.map((p) => edgeSlice(g, p.edge, p.from, p.to));
}

export function joinLines(lines: number[][][]): number[][] {
  const out: number[][] = [];
  for (const line of lines) {
    for (const pt of line) {
      const last = out[out.length - 1];
      if (!last || last[0] !== pt[0] || last[1] !== pt[1]) out.push(pt);
    }
  }
  return out;
}

export function buildSteps(g: Graph, path: Path, lines: number[][][]): Step[] {
  type Group = { name: number; distance: number; duration: number; line: number[][] };
  const groups: Group[] = [];
  path.pieces.forEach((p, i) => {
    const line = lines[i]!;
    if (line.length < 2) return;
    const name = g.name[p.edge]!;
    const current = groups[groups.length - 1];
    let split = !current || current.name !== name;
    if (!split && name === -1 && current) {
      const prev = current.line;
      const turn = ((bearing(line[0]!, line[1]!) - bearing(prev[prev.length - 2]!, prev[prev.length - 1]!) + 540) % 360) - 180;
      split = Math.abs(turn) > 45;
    }
    if (split) groups.push({ name, distance: p.metres, duration: p.seconds, line: [...line] });
    else {
      current!.distance += p.metres;
      current!.duration += p.seconds;
      current!.line.push(...line.slice(1));
    }
  });

  const nameOf = (k: number) => (k >= 0 ? g.names[k]! : null);
  const steps: Step[] = groups.map((group, i) => {
    const name = nameOf(group.name);
    const shownVi = name ?? 'đường không tên';
    const shownEn = name ?? 'an unnamed road';
    const start = group.line[0]!;
    const out = bearing(group.line[0]!, group.line[Math.min(1, group.line.length - 1)]!);
    const base = {
      name,
      distance: Math.round(group.distance * 10) / 10,
      duration: Math.round(group.duration * 10) / 10,
      location: [start[0]!, start[1]!] as [number, number],
    };
    if (i === 0) {
      const sector = Math.round(out / 45) % 8;
      return {
        ...base,
        type: 'depart',
        instruction: `Đi về hướng ${COMPASS_VI[sector]} trên ${shownVi}`,
        instructionEn: `Head ${COMPASS_EN[sector]} on ${shownEn}`,
      };
    }
    const prev = groups[i - 1]!.line;
    const turn = ((out - bearing(prev[prev.length - 2]!, prev[prev.length - 1]!) + 540) % 360) - 180;
    const modifier = modifierOf(turn);
    return {
      ...base,
      type: modifier === 'straight' ? 'continue' : 'turn',
      modifier,
      instruction: `${TURN_VI[modifier]} ${shownVi}`,
      instructionEn: `${TURN_EN[modifier]} ${shownEn}`,
    };
  });
  const end = lines.length ? lines[lines.length - 1]![lines[lines.length - 1]!.length - 1] : null;
  if (end) {
    steps.push({
      type: 'arrive',
      name: null,
      distance: 0,
      duration: 0,
      location: [end[0]!, end[1]!],
      instruction: 'Đến nơi',
      instructionEn: 'You have arrived',
    });
  }
  return steps;
}
