/**
 * Sending an import file with XMLHttpRequest, which (unlike fetch) reports upload progress.
 * Answers and failures have the same shape as the rest of the API client. The request is made
 * by a factory so that tests can pass a fake.
 */
import { ApiError } from '../../common/api.js';
import type { Problem } from '../../common/types.js';
import { percent } from './report.js';

export type UploadOptions = {
  url: string;
  body: Blob | string;
  contentType: string;
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
  xhr?: () => XMLHttpRequest;
};

export function upload<T>({
  url,
  body,
  contentType,
  onProgress,
  signal,
  xhr = () => new XMLHttpRequest(),
}: UploadOptions): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const request = xhr();
    request.open('POST', url);
    request.withCredentials = true;
    request.setRequestHeader('content-type', contentType);
    request.setRequestHeader('accept', 'application/json');
    request.upload.addEventListener('progress', (event) =>
      onProgress?.(percent(event.loaded, event.lengthComputable ? event.total : null)),
    );
    request.addEventListener('load', () => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(request.responseText);
      } catch {
        // an empty body or a proxy's HTML page: the status says enough
      }
      onProgress?.(100);
      if (request.status >= 200 && request.status < 300) resolve({ status: request.status, body: parsed as T });
      else {
        const retryAfter = Number(request.getResponseHeader('retry-after'));
        reject(
          new ApiError(
            'problem',
            request.status,
            (parsed ?? {}) as Problem,
            Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
          ),
        );
      }
    });
    request.addEventListener('error', () => reject(new ApiError('network', 0, {})));
    request.addEventListener('timeout', () => reject(new ApiError('timeout', 0, {})));
    request.addEventListener('abort', () => reject(new ApiError('aborted', 0, {})));
    signal?.addEventListener('abort', () => request.abort());
    request.timeout = 5 * 60_000;
    request.send(body);
  });
}
