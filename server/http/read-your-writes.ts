/**
 * Read-your-writes with read replicas: who just wrote reads from the primary for a short while.
 *
 * - A request that may write (anything but GET/HEAD/OPTIONS and the POST routes declared
 *   `access: 'read'`, such as batch lookups) is pinned to the primary for its whole duration:
 *   write services read back through the same SqlRunner as lookups.
 * - Such a request also leaves a short cookie (`vnac_rw`, Max-Age = the sticky time): the browser
 *   or cookie-keeping client that wrote then reads from the primary until replicas have caught up.
 * - API-key clients keep no cookies: the key's row remembers when it last wrote (api_keys.
 *   last_write_at, read by the key gate on the primary anyway), and its requests are pinned for
 *   the sticky time after that.
 *
 * The cookie and the timestamp are set when a write request starts, before the response, so the
 * client's next request can never overtake them. A failed write pins for nothing worse than a few
 * seconds of primary reads. Only mounted when replicas are configured.
 */
import type { Request, RequestHandler } from 'express';
import { parse, serialize } from 'cookie';
import type { ReadRouter } from '../db/replicas.js';

/** The API key the key gate found on a request (passed in: keys/ is a domain, above http/). */
export type WriterKeyOf = (req: Request) => { id: string; since_write_ms: number | null } | null;

export const READ_YOUR_WRITES_COOKIE = 'vnac_rw';
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a request must read from the primary (the pure decision). */
export function mustReadPrimary(
  {
    isRead,
    cookieHeader,
    keySinceWriteMs,
  }: { isRead: boolean; cookieHeader: string | undefined; keySinceWriteMs: number | null | undefined },
  stickyMs: number,
): boolean {
  if (!isRead) return true;
  if (keySinceWriteMs != null && keySinceWriteMs < stickyMs) return true;
  return (
    cookieHeader !== undefined &&
    cookieHeader.includes(READ_YOUR_WRITES_COOKIE) &&
    parse(cookieHeader)[READ_YOUR_WRITES_COOKIE] !== undefined
  );
}

/**
 * `readPosts`: "POST /path" of the routes that only read although their method is not GET (batch
 * lookups, parsing, CSV batches, round optimisation); their paths have no parameters.
 */
export function readYourWrites({
  router,
  stickyMs,
  markKeyWrite,
  readPosts,
  keyOf,
}: {
  router: ReadRouter;
  stickyMs: number;
  markKeyWrite: (keyId: string) => Promise<void>;
  readPosts: ReadonlySet<string>;
  keyOf: WriterKeyOf;
}): RequestHandler {
  const cookie = serialize(READ_YOUR_WRITES_COOKIE, '1', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: Math.max(1, Math.ceil(stickyMs / 1000)),
  });
  return async (req, res, next) => {
    const key = keyOf(req);
    const isRead = READS.has(req.method) || readPosts.has(`${req.method} ${req.path}`);
    const pinned = mustReadPrimary({ isRead, cookieHeader: req.headers.cookie, keySinceWriteMs: key?.since_write_ms }, stickyMs);
    if (!isRead) {
      res.append('Set-Cookie', cookie);
      if (key) {
        try {
          await markKeyWrite(key.id);
        } catch (err) {
          return next(err);
        }
      }
    }
    router.within(pinned, next);
  };
}
