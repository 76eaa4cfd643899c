import { describe, expect, it } from 'vitest';
import { EXERCISES } from '../../graphs/index';
import { optionsAtStop, stopCursor, trackProblems } from '../../src/core/track';
import type { GraphSpec } from '../../src/core/types';
import { runExercise } from '../../src/engine/exercise';
import { parseGf } from '../../src/lang/parse';
import { printGf } from '../../src/lang/print';

describe('every exercise has a lecture track that plays', () => {
  it('all of the catalogue (ex01 … ex10, both ex08) has one', () => {
    expect(EXERCISES.filter((e) => !e.tracks?.length).map((e) => e.id)).toEqual([]);
    // a floor, not the count: a new exercise is its module and its line in graphs/index.ts, no edit here
    expect(EXERCISES.length).toBeGreaterThanOrEqual(11);
  });

  for (const ex of EXERCISES) {
    const track = ex.tracks?.[0];
    if (!track) continue;
    it(`${ex.id}: names only what its graph has, and every stop lands on its node and phase`, () => {
      expect(trackProblems(ex.tracks ?? [], ex.options, (o) => ex.build(o))).toEqual([]);
      const defaults = Object.fromEntries(ex.options.map((o) => [o.name, o.default]));
      expect(track.stops.length).toBeGreaterThanOrEqual(4);
      track.stops.forEach((stop, i) => {
        const options = optionsAtStop(track, i, defaults);
        const steps = runExercise(ex, { options }).trace.steps;
        const c = stopCursor(steps, stop.at);
        expect(c, `stop ${i + 1}`).not.toBeNull();
        expect(stop.callout?.length ?? 0, `stop ${i + 1} has a callout`).toBeGreaterThan(20);
        if (stop.at.phase === 'forward') expect(steps[(c as number) - 1]).toMatchObject({ phase: 'forward', node: stop.at.node });
        if (stop.at.phase === 'backward') {
          const s = steps[(c as number) - 1];
          const node = stop.at.node;
          expect(s?.node === node || s?.sent?.some((g) => g.to === node), `stop ${i + 1}`).toBe(true);
        }
      });
    });

    it(`${ex.id}: its track prints as .gf and reads back identical (each stop in the graph at its options)`, () => {
      const defaults = Object.fromEntries(ex.options.map((o) => [o.name, o.default]));
      // The printed graph is the one built at some options (an exercise's build is code, not `switch`):
      // each stop goes round in the graph at its own options, grouped by those options.
      const byOptions = new Map<string, number[]>();
      track.stops.forEach((_, i) => {
        const key = JSON.stringify(optionsAtStop(track, i, defaults));
        byOptions.set(key, [...(byOptions.get(key) ?? []), i]);
      });
      let seen = 0;
      for (const [key, idx] of byOptions) {
        const part = { ...track, stops: idx.map((i) => track.stops[i] as (typeof track.stops)[number]) };
        const spec: GraphSpec = { ...ex.build(JSON.parse(key)), options: ex.options, tracks: [part] };
        const back = parseGf(printGf(spec));
        expect(back.problems).toEqual([]);
        expect(back.spec?.tracks).toEqual([part]);
        seen += idx.length;
      }
      expect(seen).toBe(track.stops.length);
    });
  }
});
