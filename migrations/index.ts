/**
 * The migrations, in order. Listed explicitly (rather than read from the folder) so that the
 * same code runs under tsx, vitest and a compiled build without file-extension games.
 */
import type { Knex } from 'knex';
import * as adminUnits from './20261123000100_admin_units.js';
import * as addresses from './20261123000200_addresses.js';
import * as referenceVersions from './20261123000300_reference_versions.js';
import * as mapLayers from './20261123000400_map_layers.js';
import * as accounts from './20261123000500_accounts_and_moderation.js';
import * as tileIndexes from './20261123000600_tile_indexes.js';
import * as search from './20261123000700_search.js';
import * as roads from './20261123000800_roads.js';
import * as apiKeys from './20261123000900_api_keys.js';
import * as readYourWrites from './20261123001000_read_your_writes.js';
import * as scaleSearchPrefixes from './20261123001100_scale_search_prefixes.js';
import * as searchColumns from './20261123001200_search_columns.js';
import * as densityRes8 from './20261123001300_density_res8.js';
import * as reverseByGeometry from './20261123001400_reverse_by_geometry.js';
import * as streetKey from './20261123001500_street_key.js';
import * as searchCandidates from './20261205000100_search_candidates.js';
import * as signInSecurity from './20261207000100_sign_in_security.js';
import * as activityIndex from './20261207000200_activity_index.js';
import * as accountApiLimits from './20261207000201_account_api_limits.js';

type Migration = { up: (knex: Knex) => Promise<void>; down: (knex: Knex) => Promise<void> };

const MIGRATIONS: [string, Migration][] = [
  ['20261123000100_admin_units', adminUnits],
  ['20261123000200_addresses', addresses],
  ['20261123000300_reference_versions', referenceVersions],
  ['20261123000400_map_layers', mapLayers],
  ['20261123000500_accounts_and_moderation', accounts],
  ['20261123000600_tile_indexes', tileIndexes],
  ['20261123000700_search', search],
  ['20261123000800_roads', roads],
  ['20261123000900_api_keys', apiKeys],
  ['20261123001000_read_your_writes', readYourWrites],
  ['20261123001100_scale_search_prefixes', scaleSearchPrefixes],
  ['20261123001200_search_columns', searchColumns],
  ['20261123001300_density_res8', densityRes8],
  ['20261123001400_reverse_by_geometry', reverseByGeometry],
  ['20261123001500_street_key', streetKey],
  ['20261205000100_search_candidates', searchCandidates],
  ['20261207000100_sign_in_security', signInSecurity],
  ['20261207000200_activity_index', activityIndex],
  ['20261207000201_account_api_limits', accountApiLimits],
];

export const migrationSource: Knex.MigrationSource<[string, Migration]> = {
  getMigrations: async () => MIGRATIONS,
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};

export const MIGRATION_NAMES = MIGRATIONS.map(([name]) => name);
