import type { Page } from 'playwright-core';

/**
 * The record dialog's look as the browser computed it, read in the page: in the document (the
 * app) or inside a `<gradflow-graph>`'s shadow root (`host` = its index on the page). Colours are
 * read against what the explorer's own variables resolve to in the same tree, so the app (light
 * DOM) and the element (shadow DOM) can be compared value for value.
 */
export function dialogStyle(page: Page, host: number | null): Promise<Record<string, string>> {
  return page.evaluate((host) => {
    const root: Document | ShadowRoot | null | undefined =
      host === null ? document : document.querySelectorAll('gradflow-graph')[host]?.shadowRoot;
    const dialog = root?.querySelector<HTMLElement>('[data-testid=record-dialog]');
    if (!root || !dialog?.parentElement) throw new Error('no open record dialog');
    const get = (sel: string) => {
      const el = sel === '' ? dialog : dialog.querySelector<HTMLElement>(sel);
      if (!el) throw new Error(`no ${sel} in the record dialog`);
      return getComputedStyle(el);
    };
    // What the explorer's colour variables resolve to beside the dialog (inline styles reach shadow DOM)
    const probe = document.createElement('div');
    probe.style.background = 'var(--gf-panel)';
    probe.style.color = 'var(--gf-ink)';
    probe.style.borderColor = 'var(--gf-line)';
    dialog.parentElement.appendChild(probe);
    const want = getComputedStyle(probe);
    const d = get('');
    const h2 = get('h2');
    const row = get('.gf-record__row');
    const label = get('.gf-record__row label');
    const buttons = get('.gf-record__buttons');
    const out = {
      'dialog border-radius': d.borderTopLeftRadius,
      'dialog padding': `${d.paddingTop} ${d.paddingLeft}`,
      'dialog min-width': d.minWidth,
      'dialog border': `${d.borderTopWidth} ${d.borderTopStyle}`,
      'dialog line-height ÷ font-size': (Number.parseFloat(d.lineHeight) / Number.parseFloat(d.fontSize)).toFixed(2),
      'dialog background is --gf-panel': String(d.backgroundColor === want.backgroundColor),
      'dialog colour is --gf-ink': String(d.color === want.color),
      'dialog border colour is --gf-line': String(d.borderTopColor === want.borderTopColor),
      'h2 margin': `${h2.marginTop} ${h2.marginBottom}`,
      'h2 font-size ÷ dialog': (Number.parseFloat(h2.fontSize) / Number.parseFloat(d.fontSize)).toFixed(2),
      'row display, gap': `${row.display} ${row.columnGap}`,
      'label direction': `${label.display} ${label.flexDirection}`,
      'buttons display, justify': `${buttons.display} ${buttons.justifyContent}`,
    };
    probe.remove();
    return out;
  }, host);
}

/** The dialog as record.css draws it (the app's stylesheet). */
export const RECORD_DIALOG_LOOK: Record<string, string> = {
  'dialog border-radius': '10px',
  'dialog padding': '18px 22px',
  'dialog min-width': '460px',
  'dialog border': '1px solid',
  'dialog line-height ÷ font-size': '1.40',
  'dialog background is --gf-panel': 'true',
  'dialog colour is --gf-ink': 'true',
  'dialog border colour is --gf-line': 'true',
  'h2 margin': '0px 12px',
  'h2 font-size ÷ dialog': '1.20',
  'row display, gap': 'flex 14px',
  'label direction': 'flex column',
  'buttons display, justify': 'flex flex-end',
};
