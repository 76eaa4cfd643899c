import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Heavy deps pre-bundled up front, or Vite reloads mid-test-run (docs/TOOLCHAIN.md). */
export const optimizeDepsInclude = [
  'react',
  'react-dom',
  'react-dom/client',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  '@xyflow/react',
  'd3',
  'zustand',
  'zustand/vanilla',
  'zustand/shallow',
  'zustand/react/shallow',
  'katex',
  'elkjs/lib/elk.bundled.js',
  'elkjs/lib/elk-api.js',
  'zod',
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-backend-wasm',
];

/**
 * `@tensorflow/tfjs` in a build: only the parts the engine uses (src/lib/tfjs-lean.ts). An exact
 * match: `@tensorflow/tfjs-core` and the backends resolve as themselves.
 */
export const leanTfjs = { find: /^@tensorflow\/tfjs$/, replacement: fileURLToPath(new URL('./src/lib/tfjs-lean.ts', import.meta.url)) };

export default defineConfig({
  plugins: [react()],
  resolve: { alias: [leanTfjs] },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  optimizeDeps: { include: optimizeDepsInclude },
  build: { chunkSizeWarningLimit: 2000 },
  // ES module workers can code-split: the compute worker loads the engine chunk lazily.
  worker: { format: 'es' },
});
