/** The shapes of the API's answers that the app reads (see /openapi.json). */

export type Polygon = { type: 'Polygon'; coordinates: number[][][] };

export type CodeInfo = {
  code: string;
  formatVersion: number;
  h3: string;
  lat: number;
  lng: number;
  cell: Polygon;
  geohash: string;
};

export type Province = { code: string; name: string; fullName: string; postalPrefixes: string[] };
export type Ward = { code: string; name: string; fullName: string; type: string };
export type Admin = { province: Province | null; ward: Ward | null; postalCode: string | null };

export const DETAIL_FIELDS = ['houseNumber', 'street', 'hamlet', 'building', 'landmark', 'note'] as const;
export type DetailField = (typeof DETAIL_FIELDS)[number];
export type Details = Record<DetailField, string | null>;

export type Address = {
  code: string;
  unit: string | null;
  point: { lat: number; lng: number };
  details: Details;
  status: string;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type CodeLookup = CodeInfo & { admin: Admin; registered: boolean; address?: Address };

export type Meta = {
  name: string;
  formatVersion: number;
  attribution: { data: string; text: string; license: string }[];
  /** set by an operator who wants an external map style instead of the built-in one */
  map?: { styleUrl?: string };
};

/** RFC 9457 problem details, with the extensions this API uses. */
export type Problem = {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  reason?: string;
  suggestions?: string[];
  errors?: { in: string; field?: string; message: string }[];
};
