import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { woff2OnlyFonts } from './scripts/woff2-only-fonts.ts';

// The renderer is built once and served by both transports: Electron loads dist/renderer
// from disk, browser mode serves the same files from the local HTTP server.
export default defineConfig({
  root: 'renderer',
  base: './',
  // KaTeX's woff and ttf fallbacks are for browsers the app never runs in (see the plugin).
  plugins: [react(), woff2OnlyFonts()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
    // Fonts stay files (KaTeX's smallest is under the 4 KiB inline limit): the CSP's font-src
    // 'self' refuses a data: font, and the math would fall back to the wrong glyphs.
    assetsInlineLimit: (file) => (/\.(?:woff2?|ttf|otf)$/i.test(file) ? false : undefined),
  },
});
