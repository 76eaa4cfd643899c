import type { OptionSpec, OptionValue } from '../../core/types';

/** The view a link restores (TensorFlow Playground's PROPS table, in small). */
export interface UrlState {
  graph?: string;
  /** A graph file on this site (`?src=/graphs/mine.json`); loaded only from the page's origin. */
  src?: string;
  step?: number;
  node?: string;
  options: Record<string, string>;
  objective?: string;
  seed?: number;
  present: boolean;
  predict: boolean;
  /** Projector theme (`theme=light|dark`); absent for the default look. */
  theme?: 'light' | 'dark';
  /** Groups folded / unfolded against the graph's defaults (`fold=a,b&unfold=c`). */
  fold?: string[];
  unfold?: string[];
  /** Lecture track and stop, both from 1 (`track=1&stop=3`); kept as given, checked against the graph later. */
  track?: string;
  stop?: string;
  /** `autoplay=1`: the track plays by itself from that stop. */
  autoplay?: string;
}

const int = (v: string | null): number | undefined => {
  // regex: a number in the address bar
  if (v === null || !/^\d{1,7}$/.test(v)) return undefined;
  return Number(v);
};

/** A comma-separated list of group ids (`fold=layer3,layer4`); none when empty. */
const list = (v: string | null): string[] | undefined => {
  const ids = (v ?? '').split(',').filter((x) => x !== '');
  return ids.length ? ids : undefined;
};

export function parseUrl(search: string): UrlState {
  const p = new URLSearchParams(search);
  const options: Record<string, string> = {};
  for (const [k, v] of p) if (k.startsWith('opt.') && k.length > 4) options[k.slice(4)] = v;
  return {
    graph: p.get('graph') ?? undefined,
    src: p.get('src') ?? undefined,
    step: int(p.get('step')),
    node: p.get('node') ?? undefined,
    options,
    objective: p.get('objective') ?? undefined,
    seed: int(p.get('seed')),
    present: p.get('present') === '1',
    predict: p.get('predict') === '1',
    theme: p.get('theme') === 'light' || p.get('theme') === 'dark' ? (p.get('theme') as 'light' | 'dark') : undefined,
    fold: list(p.get('fold')),
    unfold: list(p.get('unfold')),
    track: p.get('track') ?? undefined,
    stop: p.get('stop') ?? undefined,
    autoplay: p.get('autoplay') ?? undefined,
  };
}

/** The folds a link asks for: the graph's defaults changed by its `fold` and `unfold` lists (known groups only). */
export function foldsFor(
  defaults: Readonly<Record<string, boolean>>,
  url: Pick<UrlState, 'fold' | 'unfold'>,
  groups: readonly { id: string }[],
): Record<string, boolean> {
  const known = new Set(groups.map((g) => g.id));
  const out: Record<string, boolean> = { ...defaults };
  for (const g of url.fold ?? []) if (known.has(g)) out[g] = true;
  for (const g of url.unfold ?? []) if (known.has(g)) out[g] = false;
  return out;
}

export interface UrlView {
  /** A bundled exercise's id, or (`src`) the link a user's graph came from. */
  graph: string;
  src?: string;
  step: number;
  node: string | null;
  options: Record<string, OptionValue>;
  declared: readonly OptionSpec[];
  objective?: string;
  /** The graph's first objective (left out of the link). */
  defaultObjective?: string;
  seed: number;
  present: boolean;
  predict: boolean;
  theme?: string;
  /** Fold state now and as the graph opens by default: the link carries the difference. */
  folded?: Readonly<Record<string, boolean>>;
  defaultFolded?: Readonly<Record<string, boolean>>;
  /** The lecture track playing and its stop, from 0 (written from 1). */
  track?: { track: number; stop: number; autoplay?: boolean } | null;
}

/** Query string for a view; options equal to their default are left out. */
export function toSearch(v: UrlView): string {
  const p = new URLSearchParams();
  if (v.src !== undefined) p.set('src', v.src);
  else p.set('graph', v.graph);
  p.set('step', String(v.step));
  if (v.node) p.set('node', v.node);
  for (const o of v.declared) {
    const cur = v.options[o.name];
    if (cur !== undefined && cur !== o.default) p.set(`opt.${o.name}`, String(cur));
  }
  if (v.objective && v.objective !== v.defaultObjective) p.set('objective', v.objective);
  if (v.seed) p.set('seed', String(v.seed));
  if (v.present) p.set('present', '1');
  if (v.predict) p.set('predict', '1');
  if (v.theme === 'light' || v.theme === 'dark') p.set('theme', v.theme);
  if (v.track) {
    p.set('track', String(v.track.track + 1));
    p.set('stop', String(v.track.stop + 1));
    if (v.track.autoplay) p.set('autoplay', '1');
  }
  if (v.folded && v.defaultFolded) {
    const d = v.defaultFolded;
    const f = v.folded;
    const ids = [...new Set([...Object.keys(f), ...Object.keys(d)])].sort();
    const fold = ids.filter((g) => f[g] && !d[g]);
    const unfold = ids.filter((g) => !f[g] && d[g]);
    if (fold.length) p.set('fold', fold.join(','));
    if (unfold.length) p.set('unfold', unfold.join(','));
  }
  return `?${p.toString()}`;
}
