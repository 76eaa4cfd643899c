import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { readmeSnippets } from '../readme';

/**
 * A host React app (built by tests/embed/global-setup.ts): main.tsx renders the README's React
 * snippet, and 'gradflow' resolves as package.json says (`exports['.'].default`), inside the
 * library build in GRADFLOW_LIB_DIR instead of dist-lib/.
 */
const ROOT = resolve(import.meta.dirname, '../../..');
const libDir = process.env.GRADFLOW_LIB_DIR;
const outDir = process.env.GRADFLOW_APP_OUT;
if (!libDir || !outDir) throw new Error('set GRADFLOW_LIB_DIR and GRADFLOW_APP_OUT');

function readmeApp(lib: string): Plugin {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const entry = pkg.exports?.['.']?.default as string | undefined;
  if (!entry?.startsWith('./dist-lib/')) throw new Error(`package.json exports['.'].default should be in dist-lib/, is ${entry}`);
  const lecture = join(import.meta.dirname, 'Lecture.readme.tsx');
  return {
    name: 'gradflow:readme-app',
    enforce: 'pre',
    resolveId(id, importer) {
      if (id === 'gradflow') return join(lib, relative('./dist-lib', entry));
      if (id === './Lecture.readme' && importer?.endsWith('main.tsx')) return lecture;
      return null;
    },
    load(id) {
      return id === lecture ? readmeSnippets().react : null;
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  plugins: [readmeApp(libDir), react()],
  worker: { format: 'es' },
  build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4000 },
});
