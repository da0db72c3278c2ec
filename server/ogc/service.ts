/**
 * The rules of OGC items: which collection, where a page starts (a cursor or an offset, never
 * both), whether another page follows, and when counting the matches is worth a query. The routes
 * (routes.ts) turn the answer into GeoJSON and links.
 */
import { badRequest, notFound } from '../http/problem.js';
import { collectionOf, COLLECTIONS, type CollectionSpec, type Row } from './collections.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { DEFAULT_LIMIT, type Bbox } from './params.js';
import type { OgcRepository } from './repository.js';

export type ItemsQuery = { bbox?: Bbox; limit?: number; offset?: number; cursor?: string };

/** A page of features and where the pages beside it start. */
export type ItemsPage = {
  page: Row[];
  /** Features matching the query; null when the collection does not count that many cheaply. */
  matched: number | null;
  limit: number;
  /** The cursor of the next page, while more features match. */
  next: string | null;
  /** The offset of the previous page, for a page reached by offset (a cursor page has none). */
  prevOffset: number | null;
};

/** The sort key a cursor names, or a 400 naming the parameter, as the edge's own validation does. */
function cursorOrThrow(c: CollectionSpec, cursor: string, offset: number | undefined): string[] {
  const fail = (message: string) => badRequest(`query "cursor": ${message}`, { errors: [{ in: 'query', field: 'cursor', message }] });
  if (offset !== undefined) throw fail('send cursor or offset, not both: a cursor already says where the page starts');
  const key = decodeCursor(c, cursor);
  if (!key)
    throw fail(`cursor is not one this server made for ${c.id}: follow the \`next\` link as given, or start again without a cursor`);
  return key;
}

export function createOgcService(repo: OgcRepository) {
  return {
    collection(id: string): CollectionSpec {
      const c = collectionOf(id);
      if (!c) throw notFound(`No collection "${id}". Collections: ${Object.keys(COLLECTIONS).join(', ')}.`);
      return c;
    },

    async itemsPage(c: CollectionSpec, query: ItemsQuery): Promise<ItemsPage> {
      const limit = query.limit ?? DEFAULT_LIMIT;
      const after = query.cursor === undefined ? undefined : cursorOrThrow(c, query.cursor, query.offset);
      const offset = query.offset ?? 0;
      const first = offset === 0 && !after;
      // one row more than the page tells whether a next page exists
      const [rows, counted] = await Promise.all([
        repo.page(c, { bbox: query.bbox, limit: limit + 1, offset, after }),
        first ? Promise.resolve(undefined) : repo.count(c, query.bbox),
      ]);
      const more = rows.length > limit;
      const page = more ? rows.slice(0, limit) : rows;
      // a first page that holds everything is its own count
      const matched = counted !== undefined ? counted : more ? await repo.count(c, query.bbox) : page.length;
      return {
        page,
        matched,
        limit,
        next: more ? encodeCursor(c, page[page.length - 1]!) : null,
        // paging backwards by key would need a second cursor kind: only an offset page has a previous one
        prevOffset: offset > 0 ? Math.max(0, offset - limit) : null,
      };
    },

    /** One feature by its id; a private address is not published, so it is as absent as an unknown id. */
    async feature(c: CollectionSpec, featureId: string): Promise<Row> {
      const bindings = c.parseId(featureId);
      const row = bindings ? await repo.one(c, bindings) : null;
      if (!row) throw notFound(`No feature "${featureId}" in ${c.id}.`);
      return row;
    },
  };
}
export type OgcService = ReturnType<typeof createOgcService>;
