/**
 * The commune console's API calls, on the same request helper as the household app (same
 * problems, same session cookie). No DOM; the file upload with progress is in import/upload.ts.
 */
import { addressRef, createApi, createRequest, sendJson, type RequestOptions } from '../common/api.js';
import type { AddressStatus, BodyOf, CodeLookup, Contributor, Ok, Proposal } from '../common/types.js';

export type WardGeometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
/** The schema leaves the boundary open (unknown): the map and the click test need its shape. */
export type WardInfo = Omit<Ok<'/v1/admin/wards/{code}', 'get'>, 'geometry'> & { geometry?: WardGeometry };

type WardFeature = Ok<'/v1/wards/{wardCode}/addresses', 'get', 'application/geo+json'>['features'][number];
/**
 * A ward address as the console keeps it: the list's properties without updatedAt, which nothing
 * shows and which a feature built from a save's answer (ward/features.ts) does not carry.
 */
export type AddressProperties = Omit<WardFeature['properties'], 'updatedAt'>;
export type AddressFeature = Omit<WardFeature, 'properties'> & { properties: AddressProperties };
export type AddressCollection = { type: 'FeatureCollection'; features: AddressFeature[] };
export type CoverageCollection = Ok<'/v1/wards/{wardCode}/coverage', 'get'>;
export type WardStats = Ok<'/v1/wards/{wardCode}/stats', 'get'>;

const ward = (code: string) => `/v1/wards/${encodeURIComponent(code)}`;

export function createConsoleApi(options: RequestOptions = {}) {
  const request = createRequest(options);
  const get = async <T>(path: string, signal?: AbortSignal) => (await request<T>(path, {}, signal)).body;
  const post = async <T>(path: string, body: unknown) => (await request<T>(path, sendJson('POST', body))).body;
  const household = createApi(options);

  return {
    me: household.me,
    login: household.login,
    logout: household.logout,
    lookup: (code: string, signal?: AbortSignal) => get<CodeLookup>(`/v1/codes/${addressRef(code)}`, signal),
    history: household.history,
    restore: household.restore,

    ward: (code: string, geometry = false) =>
      get<WardInfo>(`/v1/admin/wards/${encodeURIComponent(code)}${geometry ? '?geometry=true' : ''}`),
    addresses: (code: string) => get<AddressCollection>(`${ward(code)}/addresses?format=geojson`),
    coverage: (code: string) => get<CoverageCollection>(`${ward(code)}/coverage`),
    stats: (code: string) => get<WardStats>(`${ward(code)}/stats`),
    queue: async (code: string) => (await get<{ proposals: Proposal[] }>(`${ward(code)}/proposals?status=pending`)).proposals,

    /** Approve; `version` is the address version reviewed, `edits` what the reviewer changed first. */
    approve: (id: string, body: BodyOf<'/v1/proposals/{id}/approve', 'post'> = {}) =>
      post<Proposal>(`/v1/proposals/${encodeURIComponent(id)}/approve`, body),
    reject: (id: string, reason: string) => post<Proposal>(`/v1/proposals/${encodeURIComponent(id)}/reject`, { reason }),
    block: (userId: string, reason: string) => post<Contributor>(`/v1/users/${encodeURIComponent(userId)}/block`, { reason }),
    /** Lifts a block: no body; answers the proposer's record (never contact data). */
    unblock: async (userId: string) =>
      (await request<Contributor>(`/v1/users/${encodeURIComponent(userId)}/unblock`, { method: 'POST' })).body,

    /** Verify (or flag) an address: a PATCH of its status with the version shown. */
    async setStatus(code: string, version: number, status: AddressStatus): Promise<CodeLookup> {
      return (await request<CodeLookup>(`/v1/addresses/${addressRef(code)}`, sendJson('PATCH', { version, status }))).body;
    },
    /** Digitising: staff of the ward register verified addresses. 201 new, 200 already there. */
    register: household.register,
  };
}
export type ConsoleApi = ReturnType<typeof createConsoleApi>;

/** Where exports download from. */
export const exportUrl = (wardCode: string, format: 'csv' | 'geojson') => `${ward(wardCode)}/addresses?format=${format}`;
export const importUrl = (wardCode: string, dryRun: boolean) => `${ward(wardCode)}/imports?dryRun=${dryRun}`;
