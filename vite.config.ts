// Builds the renderer (renderer/ → dist/renderer). Relative asset URLs (`base: './'`) so the same build
// loads from Electron's file/custom protocol and from the web-mode server's root.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [svelte({ compilerOptions: { runes: true } })],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2023',
    // No inline <script>: the CSP forbids it. Keep the module-preload polyfill out of index.html too.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: { strictPort: false },
});
