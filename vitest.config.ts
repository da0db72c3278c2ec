import { defineConfig } from 'vitest/config';

// Two tiers, told apart by file name: *.unit.test.ts need no database; *.int.test.ts run against
// the database named by DATABASE_URL, or an embedded PGlite one started once per run.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 300_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/**/*.unit.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'int',
          include: ['tests/**/*.int.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
