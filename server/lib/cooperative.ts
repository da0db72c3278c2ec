/**
 * CPU-bound work in slices: Node answers every request of a process on one thread, so a loop that
 * parses 20,000 address lines (tens of seconds of adversarial text) would hold back every other
 * request, /readyz included, until it ends. A loop that calls `turn()` after each item gives the
 * event loop a turn whenever it has run `sliceMs` since the last one: other requests wait at most
 * about a slice, and the loop costs nothing more when it is short.
 */
export function cooperative(sliceMs = 10, now: () => number = () => performance.now()): () => Promise<void> | void {
  let since = now();
  return () => {
    if (now() - since < sliceMs) return;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = now();
        resolve();
      }),
    );
  };
}
