import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? '8080'}`;

export default defineConfig({
  root: 'client',
  plugins: [svelte()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npm run dev`: Vite serves the client and hands API, tiles and OGC to the API process.
    // The Host header is passed on unchanged (a bare target string would rewrite it to the API's):
    // TileJSON and OGC links are absolute URLs built from it, and must point back through Vite.
    proxy: Object.fromEntries(['/api', '/tiles', '/ogc'].map((path) => [path, { target: apiTarget, changeOrigin: false }])),
  },
});
