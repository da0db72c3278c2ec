/**
 * The shapes of the API's answers that the apps read, taken from the types generated from the
 * server's OpenAPI document (clients/typescript/src/schema.d.ts, kept fresh by
 * tests/client/schema.unit.test.ts): type-only imports, nothing of the client ships in the
 * bundle. Below them, the few web-only names (lists of fields, unions) the app builds on.
 */
import type { components, paths } from '../../../clients/typescript/src/schema.js';

type BodyIn<R, C extends string> = R extends { content: infer Bodies } ? Bodies[C & keyof Bodies] : never;
type Answers<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R } ? R : never;
/** The body of a successful answer (200, else 201, else 202), JSON unless another media type is named. */
export type Ok<P extends keyof paths, M extends keyof paths[P], C extends string = 'application/json'> =
  Answers<P, M> extends { 200: infer R }
    ? BodyIn<R, C>
    : Answers<P, M> extends { 201: infer R }
      ? BodyIn<R, C>
      : Answers<P, M> extends { 202: infer R }
        ? BodyIn<R, C>
        : never;
/** The JSON body a request sends. */
export type BodyOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer T } };
}
  ? T
  : never;

/** GET /v1/encode: a point's code, cell and centre. */
export type CodeInfo = Ok<'/v1/encode', 'get'>;
/** GET /v1/codes/{code}: a decoded code, its ward and province, the registered address if any. */
export type CodeLookup = Ok<'/v1/codes/{code}', 'get'>;
export type Polygon = CodeInfo['cell'];
export type Admin = CodeLookup['admin'];
export type Address = NonNullable<CodeLookup['address']>;
export type AddressStatus = Address['status'];
export type SearchResult = Ok<'/v1/search', 'get'>['results'][number];
export type SearchResultType = SearchResult['type'];
export type Meta = Ok<'/v1', 'get'>;
/**
 * RFC 9457 problem details as the client holds them: any part may be missing (a network failure
 * has none; a proxy's error page is not one), with the extensions some answers carry.
 */
export type Problem = Partial<components['schemas']['Problem']> & {
  /** 409: the resource as it is now (checked before use: common/checks.ts) */
  current?: unknown;
  /** 422 of an import: the rows and what is wrong with them */
  rows?: ImportRow[];
  /** 422 of a route: which end is off the road network ('from' | 'to'), and the straight-line distance in metres */
  point?: string;
  straightLine?: number;
  reason?: string;
};
/** GET /v1/route: a route on the loaded road network (metres, seconds, [lng, lat] line). */
type RouteAnswer = Ok<'/v1/route', 'get'>;
/** The line's positions are [lng, lat] pairs; the schema can only say number[][]. */
export type Route = Omit<RouteAnswer, 'geometry'> & {
  geometry: Omit<RouteAnswer['geometry'], 'coordinates'> & { coordinates: [number, number][] };
};
export type RouteProfile = RouteAnswer['profile'];
export type RouteStep = Route['steps'][number];
export type User = Ok<'/v1/me', 'get'>;
export type Role = User['role'];
export type History = Ok<'/v1/addresses/{code}/history', 'get'>;
export type HistoryEntry = History['versions'][number];
export type Change = HistoryEntry['change'];
type MyProposal = Ok<'/v1/me/proposals', 'get'>['proposals'][number];
type WardProposal = Ok<'/v1/wards/{wardCode}/proposals', 'get'>['proposals'][number];
/**
 * A proposal as its author sees it (GET /v1/me/proposals), with what a ward's queue adds
 * (versions, proposer). Its ward and decision time may be left out: nothing here reads them
 * without a fallback.
 */
export type Proposal = Omit<MyProposal, 'wardCode' | 'decidedAt'> &
  Partial<Pick<MyProposal, 'wardCode' | 'decidedAt'>> &
  Partial<Omit<WardProposal, keyof MyProposal>>;
export type ProposalKind = Proposal['kind'];
/** How staff see a person: a pseudonymous record, never contact data (docs/moderation.md). */
export type Contributor = NonNullable<WardProposal['proposer']>;
export type Created<P extends keyof paths, M extends keyof paths[P]> =
  Answers<P, M> extends { 201: infer R } ? BodyIn<R, 'application/json'> : never;
/** A ward's import: the check (dry run, 200) and the import itself (201). */
export type ImportReport = Ok<'/v1/wards/{wardCode}/imports', 'post'>;
export type ImportRow = ImportReport['rows'][number];
export type ImportResult = Created<'/v1/wards/{wardCode}/imports', 'post'>;

// ---- web-only names, built on the shapes above

/** The detail fields of an address, in the order the forms show them. */
export const DETAIL_FIELDS = ['houseNumber', 'street', 'hamlet', 'building', 'landmark', 'note'] as const;
export type DetailField = (typeof DETAIL_FIELDS)[number];
export type Details = Record<DetailField, string | null>;
/** A shop, clinic, school… has a name and a category beside its details. */
export type PlaceFields = Pick<Address['details'], 'placeName' | 'category'>;
export type VersionKind = HistoryEntry['kind'];

/** How GET /v1/route travels: motorbike (the default, alleys yes), car, or on foot; the buttons' order. */
export const ROUTE_PROFILES = ['motorbike', 'car', 'foot'] as const satisfies readonly RouteProfile[];

// the lists above name every value the API has (a compile error when the API grows one)
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const detailFieldsComplete: Exactly<DetailField, Exclude<keyof Address['details'], keyof PlaceFields>> = true;
const profilesComplete: Exactly<(typeof ROUTE_PROFILES)[number], RouteProfile> = true;
void detailFieldsComplete;
void profilesComplete;

// API keys of the signed-in account (GET/POST /v1/keys), as web/src/features/api-keys shows them.
type KeyAnswer = Ok<'/v1/keys', 'get'>['keys'][number];
/** The schema says `unknown | string` of the times (dates on the server); in JSON they are ISO strings. */
type Times = { createdAt: string; lastUsedAt: string | null; revokedAt: string | null };
/** A key as GET /v1/keys lists it: name, prefix, scope, allowed origins, never the key itself. */
export type ApiKeyInfo = Omit<KeyAnswer, keyof Times | 'selfIssued'> & Times & Partial<Pick<KeyAnswer, 'selfIssued'>>;
export type KeyScope = ApiKeyInfo['scope'];
/** The answer to a create or a rotate: the key in clear, this once. */
export type NewApiKey = ApiKeyInfo & { key: string };
export type NewKeyInput = BodyOf<'/v1/keys', 'post'>;

/** GET /v1/keys/{id}/usage: the key, and its use per day (Vietnam time), newest first. */
export type KeyUsage = Omit<Ok<'/v1/keys/{id}/usage', 'get'>, 'key'> & { key: ApiKeyInfo };
export type UsageDay = KeyUsage['days'][number];
