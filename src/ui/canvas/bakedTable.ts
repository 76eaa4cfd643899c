import { applyBaked, type BakedLayout } from './baked';
import table from './bakedLayouts.json';
import type { Structure } from './flow';

const LAYOUTS = (table as unknown as { layouts: BakedLayout[] }).layouts;

/** The baked layout of exactly this structure (see baked.ts), or null: lay it out. */
export function bakedLayoutOf(s: Structure): Structure | null {
  for (const b of LAYOUTS) {
    const laid = applyBaked(s, b);
    if (laid) return laid;
  }
  return null;
}
