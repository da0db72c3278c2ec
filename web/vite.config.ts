/**
 * The browser app: root web/, built to web/dist, which the API server serves (index.html also for
 * the deep-link paths /{code} and /{code}/{unit}; console.html at /console). `npm run dev:web` serves it with hot reload and
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
      const compressible = (await readdir(dir)).filter((name) => /\.(?:m?js|css|svg)$/.test(name));
      // in parallel: zlib runs on libuv's thread pool
      await Promise.all(
        compressible.map(async (name) => {
          const file = path.join(dir, name);
          const data = await readFile(file);
          if (data.length < 1024) return;
          const [gz, br] = await Promise.all([
            promisify(gzip)(data, { level: 9 }),
            promisify(brotliCompress)(data, {
              params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
            }),
          ]);
          await Promise.all([writeFile(`${file}.gz`, gz), writeFile(`${file}.br`, br)]);
        }),
      );
    },
  };
}

/** In development, /console is console.html, as the API server serves it. */
function consolePage(): Plugin {
  return {
    name: 'console-page',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url === '/console' || req.url?.startsWith('/console?')) req.url = req.url.replace('/console', '/console.html');
        next();
      });
    },
  };
}

/**
 * The API refuses a state-changing request with a session cookie from another origin (CSRF);
 * through the development proxy the page's origin is Vite's, so the proxy presents the API's own.
 */
const proxyTo = (target: string) => ({
  target,
  changeOrigin: true,
  configure: (proxy: {
    on(
      event: 'proxyReq',
      listener: (req: { getHeader(name: string): unknown; setHeader(name: string, value: string): void }) => void,
    ): void;
  }) =>
    proxy.on('proxyReq', (req) => {
      if (req.getHeader('origin')) req.setHeader('origin', new URL(target).origin);
    }),
});
const PROXIED = ['/v1', '/tiles', '/about', '/openapi.json'];

export default defineConfig({
  root,
  plugins: [precompress(), consolePage()],
  base: '/',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // the map chunk (MapLibre) is large by nature and loaded after the shell; warn only past it
    chunkSizeWarningLimit: 1200,
    // the compression above is expected to take most of the build's time; no notice about it
    rolldownOptions: {
      checks: { bundlerTimings: false },
      // two pages: the household app (/) and the commune console (/console, staff)
      input: { index: path.join(root, 'index.html'), console: path.join(root, 'console.html') },
      // MapLibre in a chunk of its own, loaded after either page's shell; the code both pages share in another
      // (the map modules stay out of the shared chunk: they must not load before the map does)
      output: {
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl|web[\\/]src[\\/]map[\\/]/, priority: 2 },
            { name: 'shared', test: /web[\\/]src[\\/](?!map[\\/]|console[\\/]map)/, minShareCount: 2, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: Object.fromEntries(PROXIED.map((path) => [path, proxyTo(api)])),
  },
  preview: {
    proxy: Object.fromEntries(PROXIED.map((path) => [path, proxyTo(api)])),
  },
});
