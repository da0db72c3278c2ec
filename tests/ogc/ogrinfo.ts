/**
 * GDAL's ogrinfo (Debian package gdal-bin), the reference OGC API - Features client. Without it the
 * GDAL test is skipped with a warning on a developer's machine, and fails in CI (which installs
 * gdal-bin), where a silently skipped test would hide a regression — as for Chromium.
 */
import { execFile, spawnSync } from 'node:child_process';

export const OGRINFO = process.env.OGRINFO_PATH ?? 'ogrinfo';

export function ogrinfoAvailable(): boolean {
  const probe = spawnSync(OGRINFO, ['--version'], { encoding: 'utf8' });
  if (!probe.error && probe.status === 0) return true;
  const message = `${OGRINFO} not found: install Debian's gdal-bin (apt-get install gdal-bin) to run the GDAL test`;
  if (process.env.CI) throw new Error(message);
  console.warn(`\n⚠ GDAL test skipped: ${message}\n`);
  return false;
}

/**
 * Runs ogrinfo asynchronously (the server it reads runs in this very process) and resolves with
 * its standard output; a failure rejects with its standard error. Proxies from the environment
 * are bypassed: the server is on loopback.
 */
export function ogrinfo(args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    GDAL_HTTP_TIMEOUT: '60',
    CPL_DEBUG: 'OFF',
  };
  for (const name of ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY']) delete env[name];
  return new Promise((resolve, reject) => {
    execFile(OGRINFO, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`ogrinfo ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve(stdout + (stderr ? `\n[stderr]\n${stderr}` : ''));
    });
  });
}
