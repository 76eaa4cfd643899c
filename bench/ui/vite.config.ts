import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The edge benchmark page, built on its own so the app's build carries no benchmark code. */
export default defineConfig({
  root: 'bench/ui',
  base: './',
  plugins: [react()],
  build: { outDir: '../../dist-bench', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
});
