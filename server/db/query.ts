/**
 * Hot-path queries bypass knex's builder but not its pool: plain SQL with $n parameters on a
 * pooled pg connection, as a named prepared statement where the server supports it. Planning costs
 * as much as executing a simple indexed lookup (../shared/notes/performance.md), so naming
 * removes half the database time. The embedded database shares one backend between all
 * connections, where a statement name prepared by one connection clashes with the next; there the
 * statements run unnamed.
 */
import type { Knex } from 'knex';
import type { QueryResultRow, PoolClient } from 'pg';

export type SqlRunner = <R extends QueryResultRow>(name: string, text: string, values: unknown[]) => Promise<R[]>;

export function createSqlRunner(knex: Knex, { prepared }: { prepared: boolean }): SqlRunner {
  return async <R extends QueryResultRow>(name: string, text: string, values: unknown[]) => {
    const conn = (await knex.client.acquireConnection()) as PoolClient;
    try {
      const result = await conn.query<R>(prepared ? { name, text, values } : { text, values });
      return result.rows;
    } finally {
      await knex.client.releaseConnection(conn);
    }
  };
}
