/**
 * Running a batch file through the API in chunks: the server takes at most 20,000 rows per request
 * (POST /v1/batch/{codes,addresses}.csv), so a large file goes as chunks of rows, each with the
 * header, one after another; each answer moves the progress bar, and the answers join into one
 * file (the first answer's header, then every answer's rows). A chunk refused for load (429, 503)
 * or lost to the network is sent again after a pause. `post` is passed in, so tests can fake it.
 */
import { ApiError, unexpectedAnswer } from '../../common/api.js';
import { csvAnswerCounts } from '../../common/checks.js';
import type { BatchKind } from './detect.js';
import { toCsv, withoutHeader } from './csv.js';

/** Rows per request: a few seconds of work at most, and a bar that moves every few percent of 100,000 rows. */
export const CHUNK_ROWS = 5_000;
/** Largest file the app takes (rows), and its largest size (bytes, read into memory). */
export const MAX_FILE_ROWS = 200_000;
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** How long one chunk may take before it is given up. */
const CHUNK_TIMEOUT_MS = 180_000;
const RETRIES = 3;

export type ChunkAnswer = { text: string; rows: number; failed: number };
export type PostChunk = (kind: BatchKind, csv: string, column: string, signal: AbortSignal) => Promise<ChunkAnswer>;

/** POST one chunk; failures are ApiErrors, as everywhere in the app. */
export function createChunkPoster(fetchFn: typeof fetch = globalThis.fetch.bind(globalThis)): PostChunk {
  return async (kind, csv, column, signal) => {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => ((timedOut = true), controller.abort()), CHUNK_TIMEOUT_MS);
    const onAbort = () => controller.abort();
    signal.addEventListener('abort', onAbort);
    try {
      let response: Response;
      try {
        response = await fetchFn(`/v1/batch/${kind}.csv?column=${encodeURIComponent(column)}`, {
          method: 'POST',
          body: csv,
          credentials: 'same-origin',
          headers: { 'content-type': 'text/csv; charset=utf-8', accept: 'text/csv, application/problem+json' },
          signal: controller.signal,
        });
      } catch {
        throw new ApiError(timedOut ? 'timeout' : signal.aborted ? 'aborted' : 'network', 0, {});
      }
      if (!response.ok) {
        let problem = {};
        try {
          problem = await response.json();
        } catch {
          // a proxy's page: the status says enough
        }
        const retryAfter = Number(response.headers.get('retry-after'));
        throw new ApiError('problem', response.status, problem, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
      }
      const counts = csvAnswerCounts(response.headers);
      if (!counts) throw unexpectedAnswer('a batch chunk');
      return { text: await response.text(), ...counts };
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    }
  };
}

export type BatchInput = { header: string[]; rows: readonly string[][]; delimiter: string; kind: BatchKind; column: number };
export type BatchOutput = { parts: string[]; rows: number; failed: number };

const retryable = (e: unknown) =>
  e instanceof ApiError && (e.kind === 'network' || e.status === 429 || e.status === 502 || e.status === 503 || e.status === 504);
const pause = (seconds: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, seconds * 1000);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

export async function runBatch(
  input: BatchInput,
  {
    post,
    onProgress,
    signal,
    chunkRows = CHUNK_ROWS,
  }: { post: PostChunk; onProgress: (done: number) => void; signal: AbortSignal; chunkRows?: number },
): Promise<BatchOutput> {
  const { header, rows, delimiter, kind, column } = input;
  const parts: string[] = [];
  let failed = 0;
  let done = 0;
  for (let start = 0; start < rows.length; start += chunkRows) {
    const chunk = rows.slice(start, start + chunkRows);
    const body = toCsv([header, ...chunk], delimiter);
    let answer: ChunkAnswer | null = null;
    for (let attempt = 0; !answer; attempt++) {
      if (signal.aborted) throw new ApiError('aborted', 0, {});
      try {
        answer = await post(kind, body, header[column] ?? '', signal);
      } catch (error) {
        if (attempt >= RETRIES || !retryable(error) || signal.aborted) throw error;
        await pause(Math.min(30, (error as ApiError).retryAfter ?? 2 * (attempt + 1)), signal);
      }
    }
    parts.push(start === 0 ? answer.text.replace(/^\uFEFF/, '') : withoutHeader(answer.text));
    failed += answer.failed;
    done += chunk.length;
    onProgress(done);
  }
  return { parts, rows: done, failed };
}
