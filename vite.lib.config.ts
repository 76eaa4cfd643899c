import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { leanTfjs } from './vite.config';

/**
 * The library build (`npm run build:lib` → dist-lib/), in two passes:
 *   --mode react    dist-lib/gradflow.js          `import { GradflowExplorer } from 'gradflow'` (React external)
 *   --mode element  dist-lib/gradflow-element.js  one <script type="module"> registering <gradflow-graph>
 * Either loads its heavy parts from next to itself (chunks/, assets/), wherever it is hosted.
 */

/**
 * `?url` imports (tfjs's wasm files, KaTeX's fonts, the elk layout worker) become files next to
 * the chunk that imports them, found at run time from `import.meta.url` — not from the host
 * page's URL, which knows nothing of them. (Vite's library mode would inline them as base64.)
 * A worker script (`.js`) served from another origin than the page's cannot be started
 * directly: it gets a same-origin blob trampoline that `importScripts` it.
 */
export function assetsBesideScript(): Plugin {
  return {
    name: 'gradflow:assets-beside-script',
    enforce: 'pre',
    load(id) {
      const [file, query] = id.split('?');
      if (query !== 'url' || !file || file.startsWith('\0')) return null;
      const ref = this.emitFile({ type: 'asset', name: basename(file), source: readFileSync(file) });
      const url = `import.meta.ROLLUP_FILE_URL_${ref}`;
      if (!file.endsWith('.js')) return `export default ${url};`;
      return [
        `const url = ${url};`,
        'const sameOrigin = new URL(url).origin === self.location.origin;',
        'export default sameOrigin ? url : URL.createObjectURL(new Blob(["importScripts(" + JSON.stringify(url) + ");"], { type: "text/javascript" }));',
      ].join('\n');
    },
    resolveFileUrl({ relativePath }) {
      return `new URL(${JSON.stringify(relativePath)}, import.meta.url).href`;
    },
  };
}

/**
 * The React build is bundled again by the host app's bundler. Vite writes our worker as
 * `new URL(new URL("assets/worker-….js", import.meta.url).href, …)`: to a host bundler that is a
 * small plain asset (Vite inlines it as a data: URL, which breaks the worker's own chunk imports).
 * Rewritten to the standard `new Worker(new URL("./assets/worker-….js", import.meta.url))`, the
 * host's bundler (Vite, webpack 5) re-bundles it as a worker, with its engine chunk and wasm files.
 */
export function bundlerFriendlyWorkers(): Plugin {
  const wrapped =
    /new URL\(\s*\/\* @vite-ignore \*\/\s*new URL\((["'`])((?:\.\.?\/)*assets\/worker-[\w-]+\.js)\1, import\.meta\.url\)\.href,\s*"" \+ import\.meta\.url\s*\)/g;
  let rewritten = 0;
  return {
    name: 'gradflow:bundler-friendly-workers',
    renderChunk(code) {
      if (!code.includes('@vite-ignore')) return null;
      const out = code.replace(wrapped, (_m, _q, path: string) => {
        rewritten++;
        return `new URL(${JSON.stringify(path.startsWith('.') ? path : `./${path}`)}, import.meta.url)`;
      });
      return out === code ? null : { code: out, map: null };
    },
    generateBundle() {
      if (rewritten === 0) this.error('no compute worker reference found to rewrite: has Vite changed how it emits workers?');
    },
  };
}

export default defineConfig(({ mode }) => {
  const element = mode === 'element';
  return {
    plugins: [assetsBesideScript(), react(), ...(element ? [] : [bundlerFriendlyWorkers()])],
    publicDir: false,
    resolve: { alias: [leanTfjs] },
    // The element script runs as is in a browser: no bundler will replace this for it.
    define: element ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
    worker: { format: 'es', plugins: () => [assetsBesideScript()] },
    build: {
      outDir: 'dist-lib',
      // The react pass runs first and starts from an empty directory.
      emptyOutDir: !element,
      chunkSizeWarningLimit: 3000,
      lib: element
        ? { entry: 'src/lib/element-entry.ts', formats: ['es'], fileName: () => 'gradflow-element.js' }
        : { entry: 'src/lib/index.ts', formats: ['es'], fileName: () => 'gradflow.js' },
      rolldownOptions: {
        // A React component must use the host app's React (one React per page, or hooks break).
        // use-sync-external-store is CommonJS that `require`s React: the host's bundler links it.
        external: element ? [] : [/^react(\/.*)?$/, /^react-dom(\/.*)?$/, /^use-sync-external-store(\/.*)?$/],
        output: { chunkFileNames: 'chunks/[name]-[hash].js', assetFileNames: 'assets/[name]-[hash][extname]' },
      },
    },
  };
});
