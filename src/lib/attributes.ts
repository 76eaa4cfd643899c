import type { OptionValue } from '../core/types';
import type { ExplorerControls } from '../ui/Explorer';

/** `<gradflow-graph>` attribute values → GradflowExplorer props (undefined = not set or not valid). */

const CONTROLS: readonly ExplorerControls[] = ['full', 'steps', 'none'];

/**
 * `options="activation=relu, init=he"` (pairs separated by commas, semicolons or `&`) or
 * `options='{"residual": true}'`. Values from the pair form stay strings: the engine coerces
 * them to each option's declared type, as it does for URLs.
 */
export function parseOptions(text: string | null): Record<string, OptionValue> | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  if (t.startsWith('{')) {
    try {
      const v: unknown = JSON.parse(t);
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, OptionValue>;
    } catch {
      // not JSON after all: read it as pairs
    }
  }
  const pairs = t
    .split(/[,;&]/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const eq = p.indexOf('=');
      return eq < 0 ? [p, ''] : [p.slice(0, eq).trim(), p.slice(eq + 1).trim()];
    });
  return Object.fromEntries(pairs);
}

export const parseStep = (text: string | null): number | undefined => (text && /^\s*\d+\s*$/.test(text) ? Number(text) : undefined);

/** `480` → 480 px; any other CSS length (`60vh`, `30rem`) as it is. */
export function parseHeight(text: string | null): number | string | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

export const parseControls = (text: string | null): ExplorerControls | undefined => CONTROLS.find((c) => c === text?.trim());
