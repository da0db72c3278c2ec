declare module 'point-in-polygon/flat.js' {
  export default function pointInPolygonFlat(point: number[], vs: ArrayLike<number>, start?: number, end?: number): boolean;
}
