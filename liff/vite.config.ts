import { defineConfig } from 'vite';
import { resolve } from 'node:path';

export default defineConfig({
  root: import.meta.dirname,
  base: '/liff/',
  resolve: { alias: { '@panong/shared': resolve(import.meta.dirname, '../shared/src/index.ts') } },
  build: {
    outDir: 'dist/liff', // hosting serves liff/dist, so pages live under /liff/
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'), // the LIFF endpoint URL
        checkin: resolve(import.meta.dirname, 'checkin.html'),
        dashboard: resolve(import.meta.dirname, 'dashboard.html'),
        mycases: resolve(import.meta.dirname, 'mycases.html'),
        assign: resolve(import.meta.dirname, 'assign.html'),
        import: resolve(import.meta.dirname, 'import.html'),
        sighting: resolve(import.meta.dirname, 'sighting.html'),
        triage: resolve(import.meta.dirname, 'triage.html'),
        referrals: resolve(import.meta.dirname, 'referrals.html'),
        followup: resolve(import.meta.dirname, 'followup.html'),
        partners: resolve(import.meta.dirname, 'partners.html'),
        transfers: resolve(import.meta.dirname, 'transfers.html'),
        duplicates: resolve(import.meta.dirname, 'duplicates.html'),
        public: resolve(import.meta.dirname, 'public.html'),
        dev: resolve(import.meta.dirname, 'dev.html'),
      },
    },
  },
});
