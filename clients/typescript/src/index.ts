/**
 * @vnac/client — a typed client of the Vietnam digital address code API (mã địa chỉ số).
 *
 * `createClient({ baseUrl, apiKey })` gives every endpoint, typed from the server's OpenAPI 3.1
 * description (`client.api.GET('/v1/codes/{code}', …)`, see ./schema.d.ts), and helpers for what
 * delivery software does most: decode codes (1,000 per request, any number in total), search,
 * directions and delivery rounds. Errors are thrown as `ApiError` with the RFC 9457 problem.
 */
import createFetchClient from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, paths } from './schema.js';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: { 200: infer R } } ? JsonOf<R> : never;

/** A decoded code: cell, centre, outline, current ward, province and postal code, the registered address if any. */
export type CodeLookup = Ok<'/v1/codes/{code}', 'get'>;
/** One answer of a batch lookup, in input order: `result` null and `error` (with `suggestions`) for an invalid code. */
export type LookupEntry = Ok<'/v1/codes/lookup', 'post'>['results'][number];
export type SearchResult = Ok<'/v1/search', 'get'>['results'][number];
export type Route = Ok<'/v1/route', 'get'>;
export type Round = Ok<'/v1/routes/optimize', 'post'>;
export type Profile = Route['profile'];
/** RFC 9457 problem details, the body of every error. */
export type Problem = components['schemas']['Problem'];
/** A place: an address code, "lat,lng", or a point. */
export type Place = string | { lat: number; lng: number };
type LatLng = string | [number, number] | { lat: number; lng: number };

/** The API answered with an error: `status` and the problem it sent (type, title, detail, errors, suggestions…). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    readonly response: Response,
  ) {
    super(problem ? `${status} ${problem.title}${problem.detail ? `: ${problem.detail}` : ''}` : `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

export type ClientOptions = {
  /** Where the API is, e.g. https://madiachi.example.vn (no trailing /v1). */
  baseUrl: string;
  /** Sent as the X-API-Key header. */
  apiKey?: string;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** How often to retry a 429 or 503 answer, after the Retry-After it names (capped at 30 s). Default 2. */
  retries?: number;
  /** A fetch of your own (tests, proxies, instrumentation); default globalThis.fetch. */
  fetch?: (request: Request) => Promise<Response>;
};

/** The most codes POST /v1/codes/lookup takes in one request. */
export const MAX_CODES_PER_REQUEST = 1000;
const MAX_RETRY_WAIT_MS = 30_000;

const latLng = (p: LatLng): string => (typeof p === 'string' ? p : Array.isArray(p) ? `${p[0]},${p[1]}` : `${p.lat},${p.lng}`);

/** Retries 429 and 503 answers after their Retry-After; the request is cloned so its body can be sent again. */
function retrying(base: (request: Request) => Promise<Response>, retries: number) {
  return async (request: Request): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
      const response = await base(attempt < retries ? request.clone() : request);
      if ((response.status !== 429 && response.status !== 503) || attempt >= retries) return response;
      const seconds = Number(response.headers.get('retry-after'));
      await response.body?.cancel();
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(MAX_RETRY_WAIT_MS, Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000 * 2 ** attempt)),
      );
    }
  };
}

/** The data of a 2xx answer, or an ApiError. */
function unwrap<T>({ data, error, response }: { data?: T; error?: unknown; response: Response }): T {
  if (error !== undefined || data === undefined || !response.ok)
    throw new ApiError(response.status, (error as Problem | undefined) ?? null, response);
  return data;
}

export function createClient(options: ClientOptions) {
  const api = createFetchClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: { ...options.headers, ...(options.apiKey ? { 'X-API-Key': options.apiKey } : {}) },
    fetch: retrying(options.fetch ?? ((request) => globalThis.fetch(request)), options.retries ?? 2),
  });

  return {
    /** Every endpoint, typed: `api.GET('/v1/admin/provinces')`, `api.POST('/v1/addresses', { body })`… */
    api,

    /** Decodes one code (forgiving input: lower case, spaces, O for 0; a unit after a slash). A typo throws ApiError 400 with `problem.suggestions`. */
    async decode(code: string, { near }: { near?: LatLng } = {}): Promise<CodeLookup> {
      return unwrap(await api.GET('/v1/codes/{code}', { params: { path: { code }, query: near ? { near: latLng(near) } : {} } }));
    },

    /**
     * Decodes any number of codes, 1,000 per request (`concurrency` requests at a time, default 1),
     * answered in input order. An invalid code gets `result: null` and an `error` with suggestions;
     * it does not fail the others.
     */
    async lookupCodes(
      codes: readonly string[],
      {
        batchSize = MAX_CODES_PER_REQUEST,
        concurrency = 1,
        cell = true,
      }: { batchSize?: number; concurrency?: number; /** false: leave out the cell outlines (a third of the size) */ cell?: boolean } = {},
    ): Promise<LookupEntry[]> {
      const size = Math.max(1, Math.min(MAX_CODES_PER_REQUEST, Math.floor(batchSize)));
      const chunks: string[][] = [];
      for (let i = 0; i < codes.length; i += size) chunks.push(codes.slice(i, i + size));
      const answers: LookupEntry[][] = new Array(chunks.length);
      let next = 0;
      const worker = async () => {
        while (next < chunks.length) {
          const i = next++;
          answers[i] = unwrap(
            await api.POST('/v1/codes/lookup', { body: { codes: chunks[i]!, ...(cell ? {} : { cell: false }) } }),
          ).results;
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, chunks.length)) }, worker));
      return answers.flat();
    },

    /** One box for codes (whole, partial, mistyped), house numbers and streets, places, wards and provinces, old or new. */
    async search(q: string, { near, limit }: { near?: LatLng; limit?: number } = {}): Promise<SearchResult[]> {
      const query = { q, ...(near ? { near: latLng(near) } : {}), ...(limit ? { limit } : {}) };
      return unwrap(await api.GET('/v1/search', { params: { query } })).results;
    },

    /** Directions on the loaded road network between two codes or points (motorbike by default). */
    async route(from: Place, to: Place, { profile }: { profile?: Profile } = {}): Promise<Route> {
      const query = {
        from: typeof from === 'string' ? from : latLng(from),
        to: typeof to === 'string' ? to : latLng(to),
        ...(profile ? { profile } : {}),
      };
      return unwrap(await api.GET('/v1/route', { params: { query } }));
    },

    /** The best order of up to 100 stops from `start` (back to it, or to `end`); `order` indexes into `stops`. */
    async optimizeRound(start: Place, stops: Place[], { end, profile }: { end?: Place; profile?: Profile } = {}): Promise<Round> {
      return unwrap(
        await api.POST('/v1/routes/optimize', { body: { start, stops, ...(end ? { end } : {}), ...(profile ? { profile } : {}) } }),
      );
    },
  };
}

export type VnacClient = ReturnType<typeof createClient>;
