import { describe, expect, it } from 'vitest';
import { findExercise } from '../../graphs/index';
import { optionsAtStop, stopCursor, type TrackSpec } from '../../src/core/track';
import { createExplorerStore, type ExplorerStore } from '../../src/ui/store';
import { type After, DEFAULT_PAUSE, playTrack, stopAutoplay, toggleAutoplay } from '../../src/ui/tracks/autoplay';
import { goToStop } from '../../src/ui/tracks/play';
import { trackStateOf } from '../../src/ui/tracks/trackState';
import { engineClient, until } from '../engineClient';

async function opened(graph: string): Promise<ExplorerStore> {
  expect(findExercise(graph)).toBeDefined();
  const s = createExplorerStore(engineClient(), { graph });
  await s.getState().init();
  return s;
}

/**
 * A hand-driven clock: a hold asked for waits here until the test fires it, so the test sees
 * every hold's length and order without waiting for it.
 */
function handClock() {
  const holds: { ms: number; fire: () => void; cancelled: boolean }[] = [];
  const after: After = (ms, f) => {
    const h = { ms, fire: f, cancelled: false };
    holds.push(h);
    return () => {
      h.cancelled = true;
    };
  };
  return { holds, after };
}

/** Where the player is and what the explorer shows there. */
const where = (s: ExplorerStore) => {
  const p = trackStateOf(s).getState();
  const st = s.getState();
  return { stop: p.stop, cursor: st.cursor, options: { ...st.run?.options }, autoplay: p.autoplay };
};

describe('play track: stop by stop, each held for its pause', () => {
  it('ex04 plays from stop 1 to the last, holding each for its pause (the default without one), with each stop’s options, then stops', async () => {
    const s = await opened('ex04-vanishing-gradients');
    const track = s.getState().run?.graph.tracks?.[0] as TrackSpec;
    const n = track.stops.length;
    const defaults = Object.fromEntries((s.getState().run?.graph.options ?? []).map((o) => [o.name, o.default]));
    const clock = handClock();
    playTrack(s, 0, clock.after);
    const seen: ReturnType<typeof where>[] = [];
    for (let k = 0; k < n; k++) {
      // arrived at stop k: either a hold is pending (k < last) or the play ended (the last)
      await until(() => (k < n - 1 ? clock.holds.length === k + 1 : !trackStateOf(s).getState().autoplay), `stop ${k + 1}`);
      seen.push(where(s));
      if (k < n - 1) clock.holds[k]?.fire();
    }
    expect(seen.map((v) => v.stop)).toEqual([...Array(n).keys()]);
    // every stop shows its own moment in the trace its options give
    for (const [k, v] of seen.entries()) {
      expect(v.options, `stop ${k + 1}`).toMatchObject(optionsAtStop(track, k, defaults));
    }
    const last = s.getState();
    expect(last.cursor).toBe(stopCursor(last.run?.trace.steps ?? [], track.stops[n - 1]?.at ?? { phase: 'end' }));
    // the holds asked for: each stop's pause in ms, DEFAULT_PAUSE where the stop has none; none after the last
    expect(clock.holds.map((h) => h.ms)).toEqual(track.stops.slice(0, -1).map((x) => 1000 * (x.pause ?? DEFAULT_PAUSE)));
    expect(track.stops.some((x) => x.pause === undefined) && track.stops.some((x) => x.pause !== undefined)).toBe(true);
    expect(seen.slice(0, -1).every((v) => v.autoplay)).toBe(true);
    expect(where(s).autoplay).toBe(false);
  });

  it('stopping holds the player where it is: the pending hold is cancelled and nothing moves on', async () => {
    const s = await opened('ex03-two-layer-backprop');
    const clock = handClock();
    await goToStop(s, 0, 2);
    // P at stop 3: the play starts from there, holding stop 3 first
    playTrack(s, undefined, clock.after);
    await until(() => clock.holds.length === 1, 'the first hold');
    expect(where(s).stop).toBe(2);
    clock.holds[0]?.fire();
    await until(() => clock.holds.length === 2, 'the second hold');
    expect(where(s).stop).toBe(3);
    const cursor = s.getState().cursor;
    stopAutoplay(s);
    expect(clock.holds[1]?.cancelled).toBe(true);
    clock.holds[1]?.fire(); // a late timer does nothing either
    await new Promise((r) => setTimeout(r, 30));
    expect(where(s)).toMatchObject({ stop: 3, cursor, autoplay: false });
    expect(clock.holds).toHaveLength(2);
  });

  it('a move elsewhere while a stop holds (→, a link, leaving the track) ends the play', async () => {
    const s = await opened('ex03-two-layer-backprop');
    const clock = handClock();
    playTrack(s, 0, clock.after);
    await until(() => clock.holds.length === 1, 'the first hold');
    await goToStop(s, 0, 4);
    clock.holds[0]?.fire();
    await new Promise((r) => setTimeout(r, 30));
    expect(where(s)).toMatchObject({ stop: 4, autoplay: false });
    expect(clock.holds).toHaveLength(1);
    // leaving the track while playing switches the play off too
    playTrack(s, 0, clock.after);
    await until(() => clock.holds.length === 2, 'the next play’s hold');
    expect(where(s).stop).toBe(4); // it plays on from the stop the player was at
    trackStateOf(s).setState({ track: null, autoplay: false });
    expect(clock.holds[1]?.cancelled).toBe(true);
  });

  it('toggle: plays when still, stops when playing; from the last stop it starts over; a missing track says so', async () => {
    const s = await opened('ex03-two-layer-backprop');
    const n = s.getState().run?.graph.tracks?.[0]?.stops.length ?? 0;
    await goToStop(s, 0, n - 1);
    toggleAutoplay(s);
    expect(where(s).autoplay).toBe(true);
    await until(() => trackStateOf(s).getState().stop === 0 && !trackStateOf(s).getState().busy, 'stop 1');
    toggleAutoplay(s);
    expect(where(s).autoplay).toBe(false);
    playTrack(s, 5);
    await until(() => trackStateOf(s).getState().notice !== null, 'the notice');
    expect(trackStateOf(s).getState().notice).toBe('There is no track 6: this graph has 1 track.');
    expect(where(s).autoplay).toBe(false);
  });
});
