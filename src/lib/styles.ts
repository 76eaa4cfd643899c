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

/**
 * Inside a shadow root nothing of the page's stylesheets matches, but inherited properties
 * (color, font, line-height, letter-spacing …) still flow in from the host element — a page's
 * `* { color: red !important }` reaches it. The explorer's box starts from `all: initial`, then
 * the app's own rules (later, same specificity) set what it uses.
 */
const ISOLATION = `:host { display: block; }
:host([hidden]) { display: none; }
.gf-shadow-mount { all: initial; display: block; }
.${SCOPE} { all: initial; display: block; position: relative; box-sizing: border-box; }`;

interface Sheets {
  /** The app's, React Flow's and the embed CSS, confined to `.gf-embed`. */
  app: CSSStyleSheet;
  /** KaTeX's rules without its @font-face rules. */
  katex: CSSStyleSheet;
  /** KaTeX's @font-face rules: fonts declared inside a shadow root are not loaded, so these go to the document. */
  fonts: CSSStyleSheet;
  isolation: CSSStyleSheet;
}

let sheets: Sheets | null = null;

function build(): Sheets {
  const app = new CSSStyleSheet();
  app.replaceSync(`${flowCss}\n${appCss}\n${embedCss}`);
  scopeRules(app.cssRules);
  const all = new CSSStyleSheet();
  all.replaceSync(katexWithFonts(katexCss, FONT_URLS));
  const faces: string[] = [];
  const rest: string[] = [];
  for (const r of Array.from(all.cssRules)) (r instanceof CSSFontFaceRule ? faces : rest).push(r.cssText);
  const katex = new CSSStyleSheet();
  katex.replaceSync(rest.join('\n'));
  const fonts = new CSSStyleSheet();
  fonts.replaceSync(faces.join('\n'));
  const isolation = new CSSStyleSheet();
  isolation.replaceSync(ISOLATION);
  return { app, katex, fonts, isolation };
}

const adopt = (target: Document | ShadowRoot, add: CSSStyleSheet[]) => {
  const missing = add.filter((s) => !target.adoptedStyleSheets.includes(s));
  if (missing.length) target.adoptedStyleSheets = [...target.adoptedStyleSheets, ...missing];
};

/**
 * The React component's CSS, added to the document once: the app's rules confined to
 * `.gf-embed` (the page keeps its own styles) plus KaTeX's. No <link>, no build step on the
 * host page: the CSS travels inside the script.
 */
export function installStyles(doc: Document = document): void {
  sheets ??= build();
  adopt(doc, [sheets.app, sheets.katex, sheets.fonts]);
}

/**
 * The custom element's CSS, inside its shadow root: the page's rules cannot reach in and these
 * cannot reach out. Only KaTeX's font faces are added to the document (uniquely named `KaTeX_*`).
 */
export function installShadowStyles(root: ShadowRoot): void {
  sheets ??= build();
  adopt(root, [sheets.isolation, sheets.app, sheets.katex]);
  adopt(root.ownerDocument ?? document, [sheets.fonts]);
}

export { SCOPE };
