declare module 'open-location-code' {
  export class OpenLocationCode {
    encode(lat: number, lng: number, length?: number): string;
    decode(code: string): { latitudeCenter: number; longitudeCenter: number };
  }
  const _default: { OpenLocationCode: typeof OpenLocationCode };
  export default _default;
}
