/** The client's generated types are those of the current route schemas: regenerate and compare. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, schemaSource } from '../../scripts/generate-client.js';

describe('clients/typescript/src/schema.d.ts', () => {
  it('is up to date with the OpenAPI document (else: npm run client:generate)', async () => {
    const fresh = path.join(mkdtempSync(path.join(tmpdir(), 'vnac-schema-')), 'schema.d.ts');
    writeFileSync(fresh, await schemaSource());
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(
      committed === readFileSync(fresh, 'utf8'),
      `${path.relative(process.cwd(), SCHEMA_FILE)} is stale: run npm run client:generate`,
    ).toBe(true);
    expect(committed).toMatch(/"\/v1\/codes\/lookup": \{/);
  }, 60_000);
});
