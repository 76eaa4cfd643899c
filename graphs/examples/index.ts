import { parseGf } from '../../src/lang/parse';

/** A gallery graph: its file name, title (from its `graph` line) and text. */
export interface Example {
  name: string;
  title: string;
  text: string;
}

// Vite inlines every .gf file of this folder as text: only the explorer (built by Vite) imports this module.
const files = import.meta.glob('./*.gf', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** The gallery graphs/examples/*.gf, by file name. */
export const EXAMPLES: readonly Example[] = Object.entries(files)
  .map(([path, text]) => {
    const name = path.replace(/^\.\//, '');
    return { name, title: parseGf(text).spec?.title ?? name, text };
  })
  .sort((a, b) => a.name.localeCompare(b.name));
