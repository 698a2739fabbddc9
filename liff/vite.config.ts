import { defineConfig, type Plugin } from 'vite';
import { resolve } from 'node:path';

/**
 * A deploy build (LIFF_ID set) gets a config.json pointing at the real LIFF app; without it the
 * local server answers /liff/config.json itself, in liff-mock mode.
 */
function liffConfig(): Plugin {
  return {
    name: 'panong-liff-config',
    generateBundle() {
      if (!process.env.LIFF_ID) return;
      this.emitFile({
        type: 'asset',
        fileName: 'config.json',
        source: JSON.stringify({ liffId: process.env.LIFF_ID, loginChannelId: process.env.LINE_LOGIN_CHANNEL_ID ?? '', mock: false }),
      });
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: '/liff/',
  resolve: { alias: { '@panong/shared': resolve(import.meta.dirname, '../shared/src/index.ts') } },
  plugins: [liffConfig()],
  build: {
    outDir: 'dist/liff', // hosting serves liff/dist, so pages live under /liff/
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      input: {
        checkin: resolve(import.meta.dirname, 'checkin.html'),
        dashboard: resolve(import.meta.dirname, 'dashboard.html'),
        mycases: resolve(import.meta.dirname, 'mycases.html'),
        assign: resolve(import.meta.dirname, 'assign.html'),
        import: resolve(import.meta.dirname, 'import.html'),
        sighting: resolve(import.meta.dirname, 'sighting.html'),
        triage: resolve(import.meta.dirname, 'triage.html'),
        public: resolve(import.meta.dirname, 'public.html'),
        dev: resolve(import.meta.dirname, 'dev.html'),
      },
    },
  },
});
