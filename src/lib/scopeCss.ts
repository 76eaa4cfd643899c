/** The class every embedded explorer sits in; the embed's CSS only applies inside it. */
export const SCOPE = 'gf-embed';

/** Splits a selector list at top-level commas (not those inside `:is(…)` or `:not(…)`). */
export function splitSelectors(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(list.slice(start).trim());
  return out.filter(Boolean);
}

/**
 * One selector of the app's stylesheet, confined to `.gf-embed`: the page-level rules (`:root`,
 * `html`, `body`) become rules of the embed's box, everything else applies only inside it —
 * so a course page keeps its own fonts, buttons and margins.
 */
export function scopeSelector(selector: string, scope = `.${SCOPE}`): string {
  const page = /^(?::root|html|body)(?=$|[\s>+~.:[#])/;
  if (page.test(selector)) {
    const rest = selector.replace(page, '').trim();
    if (!rest) return scope;
    // `body.x`, `html :focus` …: the page element is the scope itself.
    return /^[.:[#]/.test(rest) ? `${scope}${rest}` : `${scope} ${rest.replace(/^[>+~]\s*/, '')}`;
  }
  return `${scope} ${selector}`;
}

export const scopeSelectorList = (list: string, scope?: string): string =>
  splitSelectors(list)
    .map((s) => scopeSelector(s, scope))
    .join(', ');

/** Rewrites every style rule of `sheet` in place (inside @media, @supports … too). */
export function scopeRules(rules: CSSRuleList, scope?: string): void {
  for (const rule of Array.from(rules)) {
    if (rule instanceof CSSStyleRule) rule.selectorText = scopeSelectorList(rule.selectorText, scope);
    else if ('cssRules' in rule && !(rule instanceof CSSKeyframesRule)) scopeRules((rule as CSSGroupingRule).cssRules, scope);
  }
}
