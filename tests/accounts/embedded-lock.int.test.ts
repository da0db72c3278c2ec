import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startEmbeddedDatabase } from '../../server/db/embedded.js';

describe('embedded database directory', () => {
  it('refuses to open a data directory that a live process holds, and takes over a dead one’s lock', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vnac-lock-'));
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(path.join(dir, 'vnac-owner.pid'), String(holder.pid));
      await expect(startEmbeddedDatabase(dir, 2)).rejects.toThrow(/in use by process \d+/);
    } finally {
      holder.kill();
    }
    writeFileSync(path.join(dir, 'vnac-owner.pid'), '999999999'); // no such process
    const db = await startEmbeddedDatabase(dir, 2);
    await db.close();
  }, 120_000);
});
