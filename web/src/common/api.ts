/**
 * The API client: JSON in, JSON or RFC 9457 problems out. Every failure becomes an ApiError
 * whose `kind` says what the user can do about it (check the network, wait, fix the input).
 * No DOM: `fetch` is passed in, so the unit tests run it against a fake.
 */
import type { ApiKeyInfo, KeyUsage, NewApiKey, NewKeyInput, Ok } from './types.js';
import { isCodeLookup } from './checks.js';
import { formatRef, normalizeCode, type CodeRef } from './code.js';
import type { LatLng } from './geo.js';
import type {
  BodyOf,
  CodeInfo,
  CodeLookup,
  Details,
  History,
  Meta,
  Problem,
  Proposal,
  Route,
  RouteProfile,
  SearchResult,
  User,
} from './types.js';

export type ApiErrorKind = 'network' | 'timeout' | 'problem' | 'aborted';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number,
    readonly problem: Problem,
    /** seconds, from Retry-After on 503 */
    readonly retryAfter: number | null = null,
  ) {
    super(problem.detail ?? problem.title ?? kind);
  }
}

/** What the app sends: the request bodies of the server's OpenAPI document. */
export type RegisterInput = BodyOf<'/v1/addresses', 'post'>;
/** E-mail or phone, and a password. */
export type Credentials = BodyOf<'/v1/auth/login', 'post'>;
export type ProposalInput = BodyOf<'/v1/addresses/{code}/proposals', 'post'>;
export type PatchInput = BodyOf<'/v1/addresses/{code}', 'patch'>;
export type PlaceInput = BodyOf<'/v1/places/proposals', 'post'>;
/** What a proposal or a direct edit may change; a detail sent as '' is cleared. */
export type ChangeInput = Pick<ProposalInput, 'details' | 'placeName' | 'category' | 'point'>;

/** Slow phone networks take their time; past this a request is given up and offered again. */
export const DEFAULT_TIMEOUT_MS = 20_000;

export type RequestOptions = { fetch?: typeof fetch; timeoutMs?: number };
export type Requester = <T>(path: string, init?: RequestInit, signal?: AbortSignal) => Promise<{ status: number; body: T }>;

/**
 * One request to the API. The session is an HttpOnly cookie that the browser sends with
 * same-origin requests; the client never sees it.
 */
export function createRequest({
  fetch: fetchFn = globalThis.fetch.bind(globalThis),
  timeoutMs = DEFAULT_TIMEOUT_MS,
}: RequestOptions = {}): Requester {
  return async function request<T>(path: string, init: RequestInit = {}, signal?: AbortSignal): Promise<{ status: number; body: T }> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort);
    let response: Response;
    try {
      response = await fetchFn(path, {
        credentials: 'same-origin',
        ...init,
        signal: controller.signal,
        headers: { accept: 'application/json', ...init.headers },
      });
    } catch {
      if (timedOut) throw new ApiError('timeout', 0, {});
      if (signal?.aborted) throw new ApiError('aborted', 0, {});
      throw new ApiError('network', 0, {});
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // a proxy's HTML error page or an empty body: keep the status, say nothing more
    }
    if (!response.ok) {
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new ApiError(
        'problem',
        response.status,
        (body ?? {}) as Problem,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
      );
    }
    return { status: response.status, body: body as T };
  };
}

/** A JSON body for POST, PATCH… */
export const sendJson = (method: string, body: unknown): RequestInit => ({
  method,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});

/** An address code in a path: the unit's slash is encoded, 25M-SN9-S32%2FP302. */
export const addressRef = (code: string) => encodeURIComponent(code);

export function createApi(options: RequestOptions = {}) {
  const request = createRequest(options);
  const post = async <T>(path: string, body: unknown, signal?: AbortSignal) =>
    (await request<T>(path, sendJson('POST', body), signal)).body;

  return {
    async meta(signal?: AbortSignal): Promise<Meta> {
      return (await request<Meta>('/v1', {}, signal)).body;
    },

    async encode({ lat, lng }: LatLng, signal?: AbortSignal): Promise<CodeInfo> {
      return (await request<CodeInfo>(`/v1/encode?lat=${lat}&lng=${lng}`, {}, signal)).body;
    },

    /** Decode a code; `near` ranks typo suggestions by distance from there. */
    async lookup(ref: CodeRef, near?: LatLng | null, signal?: AbortSignal): Promise<CodeLookup> {
      const { body } = await request<unknown>(lookupPath(ref, near), {}, signal);
      if (!isCodeLookup(body)) throw unexpectedAnswer('a code lookup');
      return body;
    },

    /** Search-as-you-type: codes, registered addresses, streets, wards and provinces, best first. */
    async search(
      q: string,
      { near = null, limit = 8 }: { near?: LatLng | null; limit?: number } = {},
      signal?: AbortSignal,
    ): Promise<SearchResult[]> {
      const { body } = await request<{ results?: SearchResult[] }>(searchPath(q, near, limit), {}, signal);
      return Array.isArray(body?.results) ? body.results : [];
    },

    /**
     * Directions on the loaded road network from a point to an address code. A point off that
     * network, or two ends it does not connect, is a 422 problem (off-network, no-route) with the
     * straight-line distance.
     */
    async route(from: LatLng, to: string, profile: RouteProfile, signal?: AbortSignal): Promise<Route> {
      return (await request<Route>(routePath(from, to, profile), {}, signal)).body;
    },

    /** 201 when new, 200 when this cell and unit were already registered (details then ignored). */
    async register(input: RegisterInput, signal?: AbortSignal): Promise<{ created: boolean; result: CodeLookup }> {
      const { status, body } = await request<CodeLookup>(
        '/v1/addresses',
        { method: 'POST', body: JSON.stringify(input), headers: { 'content-type': 'application/json' } },
        signal,
      );
      return { created: status === 201, result: body };
    },

    /** The signed-in user, or null when nobody is (401). */
    async me(signal?: AbortSignal): Promise<User | null> {
      try {
        return (await request<User>('/v1/me', {}, signal)).body;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    /** 202 either way: the new account's user (signed in), or null when the e-mail/phone already had an account (nothing is said about which). */
    signup: async (credentials: Credentials) => (await post<Ok<'/v1/auth/signup', 'post'>>('/v1/auth/signup', credentials)).user ?? null,
    login: async (credentials: Credentials) => (await post<Ok<'/v1/auth/login', 'post'>>('/v1/auth/login', credentials)).user,
    logout: async () => void (await request<null>('/v1/auth/logout', { method: 'POST' })),
    /** The signed-in user's password; other sessions end (204). */
    changePassword: async (currentPassword: string, newPassword: string) =>
      void (await request<null>('/v1/auth/password', sendJson('POST', { currentPassword, newPassword }))),
    /** A reset link by mail when the address has an account; the same answer either way. */
    requestReset: async (email: string) => void (await post<Ok<'/v1/auth/reset-request', 'post'>>('/v1/auth/reset-request', { email })),
    /** A new password from a reset link's token; signs in. */
    resetPassword: async (token: string, password: string) =>
      (await post<Ok<'/v1/auth/reset', 'post'>>('/v1/auth/reset', { token, password })).user,

    /** A change or a claim: applied at once for the owner, staff and trusted people (`applied`), else queued. */
    proposeChange: (code: string, input: ProposalInput) => post<Proposal>(`/v1/addresses/${addressRef(code)}/proposals`, input),
    proposePlace: (input: PlaceInput) => post<Proposal>('/v1/places/proposals', input),
    /** The signed-in user's own proposals, oldest first, with what became of them. */
    async myProposals(signal?: AbortSignal): Promise<Proposal[]> {
      return (await request<{ proposals: Proposal[] }>('/v1/me/proposals', {}, signal)).body.proposals;
    },
    async patch(code: string, input: PatchInput): Promise<CodeLookup> {
      return (await request<CodeLookup>(`/v1/addresses/${addressRef(code)}`, sendJson('PATCH', input))).body;
    },
    async history(code: string, signal?: AbortSignal): Promise<History> {
      return (await request<History>(`/v1/addresses/${addressRef(code)}/history`, {}, signal)).body;
    },
    restore: (code: string, version: number, expectedVersion?: number) =>
      post<CodeLookup>(`/v1/addresses/${addressRef(code)}/restore`, { version, ...(expectedVersion ? { expectedVersion } : {}) }),

    /** The signed-in account's API keys, newest first: names, prefixes, never the keys themselves. */
    async apiKeys(signal?: AbortSignal): Promise<ApiKeyInfo[]> {
      return (await request<{ keys: ApiKeyInfo[] }>('/v1/keys', { cache: 'no-store' }, signal)).body.keys;
    },
    /** A new key, in clear in this answer only. */
    createApiKey: (input: NewKeyInput) => post<NewApiKey>('/v1/keys', input),
    /** A new key with the same settings; the old one stops at once. */
    async rotateApiKey(id: string): Promise<NewApiKey> {
      return (await request<NewApiKey>(`/v1/keys/${encodeURIComponent(id)}/rotate`, { method: 'POST' })).body;
    },
    async revokeApiKey(id: string): Promise<ApiKeyInfo> {
      return (await request<ApiKeyInfo>(`/v1/keys/${encodeURIComponent(id)}`, { method: 'DELETE' })).body;
    },
    /** Requests, codes looked up and errors per day (Vietnam time), newest first; days without use are left out. */
    async apiKeyUsage(id: string, days: number, signal?: AbortSignal): Promise<KeyUsage> {
      return (await request<KeyUsage>(`/v1/keys/${encodeURIComponent(id)}/usage?days=${days}`, { cache: 'no-store' }, signal)).body;
    },
  };
}
export type Api = ReturnType<typeof createApi>;

export function lookupPath(ref: CodeRef, near?: LatLng | null): string {
  // the typed text goes to the API as typed (normalised), so that a typo still reaches it and
  // comes back with suggestions; grouping is only for 9-character bodies
  const code = encodeURIComponent(formatRef({ code: normalizeCode(ref.code), unit: null }));
  const unit = ref.unit ? `/${encodeURIComponent(ref.unit)}` : '';
  const query = near ? `?near=${near.lat.toFixed(5)},${near.lng.toFixed(5)}` : '';
  return `/v1/codes/${code}${unit}${query}`;
}

export function searchPath(q: string, near: LatLng | null = null, limit = 8): string {
  const params = new URLSearchParams({ q, limit: String(limit) });
  if (near) params.set('near', `${near.lat.toFixed(5)},${near.lng.toFixed(5)}`);
  return `/v1/search?${params}`;
}

/** GET /v1/route from "lat,lng" (6 decimals, ~10 cm) to an address code or another point. */
export function routePath(from: LatLng, to: string, profile: RouteProfile): string {
  const params = new URLSearchParams({ from: `${from.lat.toFixed(6)},${from.lng.toFixed(6)}`, to, profile });
  return `/v1/route?${params}`;
}

/** Drops empty fields and trims, so the API receives only what the user filled in. */
export function cleanDetails(raw: Partial<Record<keyof Details, string>>): Partial<Record<keyof Details, string>> | undefined {
  const out: Partial<Record<keyof Details, string>> = {};
  for (const [key, value] of Object.entries(raw) as [keyof Details, string | undefined][]) {
    const text = value?.replace(/\s+/g, ' ').trim();
    if (text) out[key] = text;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * An answer without the shape the app acts on (common/checks.ts): said as a server failure
 * (502, "the server had a problem"), never shown or written out as if it were right.
 */
export const unexpectedAnswer = (what: string) =>
  new ApiError('problem', 502, { title: 'Unexpected answer', detail: `The answer to ${what} does not have the expected shape` });

/** Anything a request threw, as an ApiError (a bug's TypeError reads as a network failure). */
export const asApiError = (error: unknown): ApiError => (error instanceof ApiError ? error : new ApiError('network', 0, {}));
