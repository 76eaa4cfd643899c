import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where the README's snippets say the files are hosted; tests swap in their own servers. */
export const README_HOSTS = {
  storybook: 'https://example.org/gradflow-storybook/',
  element: 'https://example.org/gradflow/',
} as const;

export interface EmbedSnippets {
  iframe: string;
  react: string;
  element: string;
}

/** The three code blocks of README.md's "Embedding in a course page", exactly as a reader copies them. */
export function readmeSnippets(readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8')): EmbedSnippets {
  const start = readme.indexOf('## Embedding in a course page');
  if (start < 0) throw new Error('README.md has no "Embedding in a course page" section');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], code: m[2] as string }));
  const html = blocks.filter((b) => b.lang === 'html');
  const tsx = blocks.filter((b) => b.lang === 'tsx');
  const iframe = html.find((b) => b.code.includes('<iframe'))?.code;
  const element = html.find((b) => b.code.includes('<gradflow-graph'))?.code;
  const react = tsx[0]?.code;
  if (!iframe || !element || !react) throw new Error('README.md embedding section lacks an iframe, tsx or custom-element snippet');
  return { iframe, react, element };
}
