/**
 * The browser app: root web/, built to web/dist, which the API server serves (index.html also for
 * the deep-link paths /{code} and /{code}/{unit}). `npm run dev:web` serves it with hot reload and
 * forwards the API, tiles and server pages to an API running on port 3000 (or API_ORIGIN).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.API_ORIGIN ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // the map chunk (MapLibre) is large by nature and loaded after the shell; warn only past it
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: Object.fromEntries(['/v1', '/tiles', '/about', '/openapi.json'].map((path) => [path, { target: api, changeOrigin: true }])),
  },
  preview: {
    proxy: Object.fromEntries(['/v1', '/tiles', '/about', '/openapi.json'].map((path) => [path, { target: api, changeOrigin: true }])),
  },
});
