import flowCss from '@xyflow/react/dist/style.css?inline';
import katexCss from 'katex/dist/katex.min.css?raw';
import appCss from '../ui/styles.css?inline';
import embedCss from './embed.css?inline';
import { katexWithFonts } from './katexFonts';
import { SCOPE, scopeRules } from './scopeCss';

/**
 * KaTeX's fonts, woff2 only (every browser that runs this reads woff2). Imported as URLs: in the
 * library build each becomes a file next to the script, found from `import.meta.url`.
 */
const FONT_URLS = import.meta.glob<string>('/node_modules/katex/dist/fonts/*.woff2', { query: '?url', import: 'default', eager: true });

let installed: CSSStyleSheet | null = null;

/**
 * Adds the explorer's CSS to the document once: React Flow's, the app's and the embed rules,
 * confined to `.gf-embed` (the page keeps its own styles), plus KaTeX's. No <link>, no build step
 * on the host page: the CSS travels inside the script.
 */
export function installStyles(doc: Document = document): CSSStyleSheet {
  if (installed && doc.adoptedStyleSheets.includes(installed)) return installed;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`${flowCss}\n${appCss}\n${embedCss}`);
  scopeRules(sheet.cssRules);
  sheet.insertRule('gradflow-graph { display: block; }', sheet.cssRules.length);
  const katex = new CSSStyleSheet();
  katex.replaceSync(katexWithFonts(katexCss, FONT_URLS));
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet, katex];
  installed = sheet;
  return sheet;
}

export { SCOPE };
