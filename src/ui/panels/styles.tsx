/**
 * Panel styles, rendered once through React 19's hoisted `<style href precedence>` so the panels
 * need no CSS import. Colours come from custom properties the host page may override.
 */
export const PANEL_CSS = `
.gf-panels {
  --gf-fg: #1b1f24; --gf-muted: #4d5560; --gf-grid: #e3e6ea; --gf-bg: #ffffff; --gf-border: #d0d5db;
  --gf-accent: #0b5cad;
  display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 26rem), 1fr));
  color: var(--gf-fg); font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', sans-serif;
}
.gf-panel { background: var(--gf-bg); border: 1px solid var(--gf-border); border-radius: 8px; padding: 0.75rem 1rem; min-width: 0; }
.gf-panel-wide { grid-column: 1 / -1; }
.gf-panel h3 { font-size: 1.05em; margin: 0 0 0.25rem; font-weight: 600; }
.gf-panel-sub { margin: 0 0 0.5rem; color: var(--gf-muted); font-size: 0.92em; }
.gf-panel svg { display: block; width: 100%; max-width: 44rem; height: auto; overflow: visible; }
.gf-panel svg { fill: var(--gf-fg); font-size: 13px; }
.gf-axis text { font-size: 1em; fill: var(--gf-muted); }
.gf-axis path, .gf-axis line { stroke: var(--gf-muted); }
.gf-axis-label { font-size: 1em; font-weight: 600; }
.gf-gridline { stroke: var(--gf-grid); }
.gf-legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0.25rem 0; padding: 0; list-style: none; font-size: 0.92em; }
.gf-legend li { display: inline-flex; align-items: center; gap: 0.4em; }
.gf-swatch { display: inline-block; width: 1.4em; height: 0; border-top: 3px solid currentColor; }
.gf-swatch-dots { border-top-style: dotted; }
.gf-swatch-box { width: 0.9em; height: 0.9em; border: 0; background: currentColor; border-radius: 2px; }
.gf-readout { min-height: 1.4em; margin: 0.25rem 0 0; color: var(--gf-muted); font-variant-numeric: tabular-nums; font-size: 0.92em; }
.gf-facts { display: grid; grid-template-columns: minmax(0, auto) max-content; gap: 0.1rem 1rem; margin: 0.5rem 0 0; font-size: 0.95em; }
.gf-facts dt { color: var(--gf-muted); }
.gf-facts dd { margin: 0; font-variant-numeric: tabular-nums; font-weight: 600; }
.gf-controls { display: flex; align-items: center; gap: 0.75rem; margin: 0.25rem 0 0.5rem; }
.gf-button { font: inherit; font-weight: 600; padding: 0.3em 0.9em; border-radius: 6px; border: 1px solid var(--gf-accent);
  background: var(--gf-accent); color: #fff; cursor: pointer; }
.gf-button:disabled { opacity: 0.55; cursor: default; }
.gf-button:focus-visible, .gf-hit:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.gf-progress { flex: 1; height: 0.6em; border-radius: 999px; background: var(--gf-grid); overflow: hidden; }
.gf-progress > div { height: 100%; background: var(--gf-accent); }
.gf-table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.95em; width: 100%; }
.gf-table caption { text-align: left; font-weight: 600; padding-bottom: 0.35rem; }
.gf-table th, .gf-table td { padding: 0.25rem 0.6rem; border-bottom: 1px solid var(--gf-grid); text-align: left; }
.gf-table th { color: var(--gf-muted); font-weight: 600; border-bottom-color: var(--gf-border); }
.gf-table td.gf-num, .gf-table th.gf-num { text-align: right; }
.gf-matrices { display: flex; flex-wrap: wrap; gap: 1rem 1.5rem; align-items: flex-start; }
.gf-matrices figure { margin: 0; flex: 0 1 auto; }
.gf-matrices figcaption { font-weight: 600; margin-bottom: 0.25rem; }
.gf-note { color: var(--gf-muted); font-size: 0.9em; margin: 0.25rem 0 0; }
.gf-hit { fill: transparent; cursor: crosshair; }
`;

/** Mount anywhere: React hoists it into <head> once, however many panels render. */
export function PanelStyles() {
  return (
    <style href="gradflow-lesson-panels" precedence="default">
      {PANEL_CSS}
    </style>
  );
}
