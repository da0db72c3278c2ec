/**
 * Keyset paging for OGC items. A `next` link carries the sort key of the page's last feature as an
 * opaque cursor, and the next page is `WHERE key > cursor ORDER BY key LIMIT n` on the collection's
 * unique index: page 30,000 costs what page 1 costs, where OFFSET 3,000,000 made PostgreSQL walk
 * and throw away three million rows (~3 s each at 3 M addresses; twenty of them starved the pool).
 *
 * The cursor is base64url of `collection:part,part`. It is opaque to clients but not a secret: it
 * says only where a page starts, and any position costs the same, so it is not signed. It is read
 * strictly (canonical base64url, the collection it was made for, each key part in the form the
 * table allows), so a malformed, truncated or edited cursor, or one from another collection, is a
 * 400 rather than a query with odd values.
 */
import type { CollectionSpec, Row } from './collections.js';

/** Longer than any cursor this server makes (addresses: 28 characters); anything longer is refused unread. */
const MAX_CURSOR_LENGTH = 100;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The cursor after this row: where the next page starts. */
export function encodeCursor(c: CollectionSpec, row: Row): string {
  return Buffer.from(`${c.id}:${c.keyOf(row).join(',')}`, 'utf8').toString('base64url');
}

/** The sort key a cursor names, or null when it is not a cursor this server made for this collection. */
export function decodeCursor(c: CollectionSpec, cursor: string): string[] | null {
  if (cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) return null;
  const bytes = Buffer.from(cursor, 'base64url');
  // Node's decoder skips what it cannot read; only a cursor that re-encodes to itself was read whole
  if (bytes.toString('base64url') !== cursor) return null;
  const text = bytes.toString('utf8');
  const prefix = `${c.id}:`;
  if (!text.startsWith(prefix)) return null;
  const parts = text.slice(prefix.length).split(',');
  if (parts.length !== c.keyParts.length || !parts.every((p, i) => c.keyParts[i]!.test(p))) return null;
  return parts;
}
