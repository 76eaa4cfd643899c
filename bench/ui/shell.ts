// Size of the app shell: what index.html loads before anything lazy (entry script, its
// modulepreloads, stylesheets), gzip level 9 as a server would send it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ShellSize {
  js_kb_gzip: number;
  css_kb_gzip: number;
  files: string[];
}

export function shellSize(dist: string): ShellSize {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
  let js = 0;
  let css = 0;
  for (const f of new Set(refs)) {
    const gz = gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
    if (f.endsWith('.css')) css += gz;
    else js += gz;
  }
  return { js_kb_gzip: Math.round(js / 102.4) / 10, css_kb_gzip: Math.round(css / 102.4) / 10, files: [...new Set(refs)] };
}
