/**
 * Limits of the HTTP server itself (main.ts applies them to the listening server): how long a
 * request and its headers may take to arrive, how long an idle keep-alive connection stays open,
 * and a problem+json answer, instead of Node's bare one, to requests it refuses before Express
 * sees them (headers over Node's 16 KB cap → 431, malformed requests → 400).
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { Problem } from './problem.js';

export type ServerTimeouts = {
  /** Whole request, body included (Node: requestTimeout). A 20,000-row CSV over a slow phone link fits. */
  requestMs: number;
  /**
   * Idle keep-alive connections (Node: keepAliveTimeout). Behind a proxy it must outlast the
   * proxy's own idle timeout to its upstreams (60 s for nginx and most load balancers), or the
   * proxy may send a request on a connection this server is closing.
   */
  keepAliveMs: number;
};

export const DEFAULT_SERVER_TIMEOUTS: ServerTimeouts = { requestMs: 120_000, keepAliveMs: 65_000 };

export function applyServerLimits(server: Server, { requestMs, keepAliveMs }: ServerTimeouts = DEFAULT_SERVER_TIMEOUTS): void {
  server.requestTimeout = requestMs;
  server.keepAliveTimeout = keepAliveMs;
  // headers must arrive sooner than the whole request, and after the keep-alive window (Node's rule)
  server.headersTimeout = Math.min(requestMs, keepAliveMs + 1000);
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || !err.code?.startsWith('HPE_')) {
      socket.destroy();
      return;
    }
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW' || err.code === 'HPE_URI_TOO_LONG';
    const problem = tooLarge
      ? new Problem(
          431,
          'uri-too-long',
          'Request header fields too large',
          'The URL and headers of the request are larger than this service accepts (16 KB).',
        )
      : new Problem(400, 'invalid-request', 'Bad request', 'The request is not valid HTTP.');
    const body = JSON.stringify(problem.toJSON());
    // the answer to HEAD has no body (RFC 9110 §9.3.2): a client reading one would take it for a second response
    const head = (err as NodeJS.ErrnoException & { rawPacket?: Buffer }).rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
    socket.end(
      `HTTP/1.1 ${problem.status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${head ? '' : body}`,
    );
  });
}
