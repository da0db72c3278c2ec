/**
 * The API client: JSON in, JSON or RFC 9457 problems out. Every failure becomes an ApiError
 * whose `kind` says what the user can do about it (check the network, wait, fix the input).
 * No DOM: `fetch` is passed in, so the unit tests run it against a fake.
 */
import { formatRef, normalizeCode, type CodeRef } from './code.js';
import type { LatLng } from './geo.js';
import type { CodeInfo, CodeLookup, Details, Meta, Problem } from './types.js';

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

export type RegisterInput = { lat: number; lng: number; unit?: string; details?: Partial<Details> };

/** Slow phone networks take their time; past this a request is given up and offered again. */
export const DEFAULT_TIMEOUT_MS = 20_000;

export function createApi({ fetch: fetchFn = globalThis.fetch.bind(globalThis), timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
  async function request<T>(path: string, init: RequestInit = {}, signal?: AbortSignal): Promise<{ status: number; body: T }> {
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
      response = await fetchFn(path, { ...init, signal: controller.signal, headers: { accept: 'application/json', ...init.headers } });
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
      throw new ApiError('problem', response.status, (body ?? {}) as Problem, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
    }
    return { status: response.status, body: body as T };
  }

  return {
    async meta(signal?: AbortSignal): Promise<Meta> {
      return (await request<Meta>('/v1', {}, signal)).body;
    },

    async encode({ lat, lng }: LatLng, signal?: AbortSignal): Promise<CodeInfo> {
      return (await request<CodeInfo>(`/v1/encode?lat=${lat}&lng=${lng}`, {}, signal)).body;
    },

    /** Decode a code; `near` ranks typo suggestions by distance from there. */
    async lookup(ref: CodeRef, near?: LatLng | null, signal?: AbortSignal): Promise<CodeLookup> {
      return (await request<CodeLookup>(lookupPath(ref, near), {}, signal)).body;
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

/** Drops empty fields and trims, so the API receives only what the user filled in. */
export function cleanDetails(raw: Partial<Record<keyof Details, string>>): Partial<Details> | undefined {
  const out: Partial<Details> = {};
  for (const [key, value] of Object.entries(raw) as [keyof Details, string | undefined][]) {
    const text = value?.replace(/\s+/g, ' ').trim();
    if (text) out[key] = text;
  }
  return Object.keys(out).length ? out : undefined;
}
