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

/** A shop, clinic, school… has a name and a category beside its details. */
export type PlaceFields = { placeName?: string | null; category?: string | null };
export type AddressStatus = 'draft' | 'verified' | 'needs_review';

export type Address = {
  code: string;
  unit: string | null;
  point: { lat: number; lng: number };
  details: Details & PlaceFields;
  status: AddressStatus | string;
  /** only its owner and its ward's staff ever see a private address */
  private?: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type CodeLookup = CodeInfo & { admin: Admin; registered: boolean; address?: Address };

/** One answer of GET /v1/search; `code` for codes and registered addresses. */
export type SearchResultType = 'code' | 'address' | 'street' | 'ward' | 'province';
export type SearchResult = {
  type: SearchResultType;
  label: string;
  code?: string;
  lat: number;
  lng: number;
  ward?: { code: string; name: string };
  province?: { code: string; name: string };
  /** a unit found by its pre-2025 name: the old units the query named */
  formerly?: string;
};

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
  /** 409: the resource as it is now */
  current?: unknown;
  /** 422 of an import: the rows and what is wrong with them */
  rows?: ImportRow[];
  /** 422 of a route: which end is off the road network ('from' | 'to'), and the straight-line distance in metres */
  point?: string;
  straightLine?: number;
};

/** How GET /v1/route travels: motorbike (the default, alleys yes), car, or on foot. */
export const ROUTE_PROFILES = ['motorbike', 'car', 'foot'] as const;
export type RouteProfile = (typeof ROUTE_PROFILES)[number];
export type RouteStep = {
  type: 'depart' | 'turn' | 'continue' | 'arrive';
  modifier?: string;
  /** the street as OpenStreetMap names it, or null for an unnamed way */
  name: string | null;
  /** metres and seconds of this step */
  distance: number;
  duration: number;
  /** [lng, lat] of the manoeuvre */
  location: [number, number];
  /** Vietnamese */
  instruction: string;
  instructionEn: string;
};
export type RouteEnd = { lat: number; lng: number; code: string | null; snapped: { lat: number; lng: number; distance: number } };
/** GET /v1/route: a route on the loaded road network (metres, seconds, [lng, lat] line). */
export type Route = {
  profile: RouteProfile;
  distance: number;
  duration: number;
  geometry: { type: 'LineString'; coordinates: [number, number][] };
  steps: RouteStep[];
  from: RouteEnd;
  to: RouteEnd;
  straightLine: number;
};

export type Role = 'household' | 'staff' | 'admin';
export type User = { id: string; email: string | null; phone: string | null; role: Role; wards: string[]; blocked: boolean };

export type ProposalKind = 'edit' | 'claim' | 'new_place';
export type Proposal = {
  id: string;
  kind: ProposalKind;
  status: 'pending' | 'approved' | 'rejected';
  wardCode?: string | null;
  payload: Record<string, unknown>;
  reason: string | null;
  createdAt: string;
  decidedAt?: string | null;
  /** true when the change was published at once (owner, staff, trusted contributor) */
  applied?: boolean;
  code?: string | null;
  /** in a ward's queue: the version proposed against, and the address's version now */
  baseVersion?: number | null;
  currentVersion?: number | null;
  proposer?: Contributor;
};

/** How staff see a person: a pseudonymous record, never contact data (docs/moderation.md). */
export type Contributor = { id: string; since: string; proposals: { approved: number; rejected: number; pending: number }; blocked: boolean };

export type VersionKind = 'created' | 'edited' | 'proposal' | 'restored' | 'imported';
export type Change = Record<string, { from: unknown; to: unknown }>;
export type HistoryEntry = { version: number; at: string; kind: VersionKind | string; change: Change; reason?: string; by?: string | null };
export type History = { code: string; versions: HistoryEntry[] };

export type ImportRow = { row: number; ok: boolean; code?: string; error?: string };
export type ImportReport = { dryRun: boolean; total: number; valid: number; invalid: number; rows: ImportRow[] };
export type ImportResult = { imported: number; rows: ImportRow[] };
