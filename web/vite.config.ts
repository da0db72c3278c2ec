/**
 * The browser app: root web/, built to web/dist, which the API server serves (index.html also for
 * the deep-link paths /{code} and /{code}/{unit}). `npm run dev:web` serves it with hot reload and
 * forwards the API, tiles and server pages to an API running on port 3000 (or API_ORIGIN).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.API_ORIGIN ?? 'http://127.0.0.1:3000';

/**
 * Writes .br and .gz files beside each hashed asset, for a server (or proxy) that serves
 * precompressed files: the map chunk is 1.1 MB as is and under 300 kB compressed, which on a
 * weak phone connection is the difference that matters.
 */
function precompress(): Plugin {
  return {
    name: 'precompress-assets',
    apply: 'build',
    async writeBundle(options) {
      const dir = path.join(options.dir ?? path.join(root, 'dist'), 'assets');
      const compressible = (await readdir(dir)).filter((name) => /\.(m?js|css|svg)$/.test(name));
      // in parallel: zlib runs on libuv's thread pool
      await Promise.all(
        compressible.map(async (name) => {
          const file = path.join(dir, name);
          const data = await readFile(file);
          if (data.length < 1024) return;
          const [gz, br] = await Promise.all([
            promisify(gzip)(data, { level: 9 }),
            promisify(brotliCompress)(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
          ]);
          await Promise.all([writeFile(`${file}.gz`, gz), writeFile(`${file}.br`, br)]);
        }),
      );
    },
  };
}

export default defineConfig({
  root,
  plugins: [precompress()],
  base: '/',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // the map chunk (MapLibre) is large by nature and loaded after the shell; warn only past it
    chunkSizeWarningLimit: 1200,
    // the compression above is expected to take most of the build's time; no notice about it
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    proxy: Object.fromEntries(['/v1', '/tiles', '/about', '/openapi.json'].map((path) => [path, { target: api, changeOrigin: true }])),
  },
  preview: {
    proxy: Object.fromEntries(['/v1', '/tiles', '/about', '/openapi.json'].map((path) => [path, { target: api, changeOrigin: true }])),
  },
});
