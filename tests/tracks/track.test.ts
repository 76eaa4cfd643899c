import { describe, expect, it } from 'vitest';
import { findExercise } from '../../graphs/index';
import { GraphError } from '../../src/core/errors';
import { parseGraphSpec } from '../../src/core/schema';
import { frameNodes, optionsAtStop, stopCursor, type TrackSpec, trackProblems } from '../../src/core/track';
import { compileExercise, exerciseFromSpec, runExercise } from '../../src/engine/exercise';
import { parseGf } from '../../src/lang/parse';
import { printGf } from '../../src/lang/print';
import { ACT_SWITCH } from './fixtures';

const ex04 = findExercise('ex04-vanishing-gradients');
if (!ex04) throw new Error('ex04 is missing');

const small = ACT_SWITCH;

const fieldsOf = (f: () => unknown): string[] => {
  try {
    f();
  } catch (e) {
    if (e instanceof GraphError) return e.problems.map((p) => `${p.field}: ${p.message}`);
    throw e;
  }
  return [];
};

describe('track schema', () => {
  it('accepts a track in a GraphSpec and keeps every field', () => {
    const track: TrackSpec = {
      title: 'Tour',
      stops: [
        { at: { phase: 'start' }, callout: 'begin', anchor: { node: 'x' } },
        { title: 'grad', at: { phase: 'backward', node: 'w' }, frame: [{ edge: { from: 'w', to: 'h' } }], set: { act: 'relu' }, pause: 3 },
      ],
    };
    expect(parseGraphSpec({ ...small, tracks: [track] }).tracks).toEqual([track]);
  });

  it('refuses a malformed stop with its index and field', () => {
    const bad = { ...small, tracks: [{ stops: [{ at: { phase: 'start' } }, { at: { phase: 'backward' }, pause: -1 }] }] };
    const fields = fieldsOf(() => parseGraphSpec(bad));
    expect(fields.some((f) => f.startsWith('tracks[0].stops[1].at'))).toBe(true);
    expect(fields.some((f) => f.startsWith('tracks[0].stops[1].pause'))).toBe(true);
    expect(fieldsOf(() => parseGraphSpec({ ...small, tracks: [{ stops: [] }] }))[0]).toMatch(/^tracks\[0\]\.stops: /);
  });
});

describe('trackProblems: names checked against the graph at each stop', () => {
  const check = (tracks: TrackSpec[]) => trackProblems(tracks, small.options, (o) => exerciseFromSpec(parseGraphSpec(small)).build(o));

  it('names an unknown node with a did-you-mean, at the stop and field', () => {
    const p = check([{ stops: [{ at: { phase: 'forward', node: 'h' } }, { at: { phase: 'backward', node: 'hh' } }] }]);
    expect(p).toEqual([{ field: 'tracks[0].stops[1].at.node', message: 'no node "hh" in the graph at this stop (did you mean "h"?)' }]);
  });

  it('refuses an unknown option (did you mean) and a value the option does not have', () => {
    const p = check([
      {
        stops: [
          { at: { phase: 'start' }, set: { atc: 'relu' } },
          { at: { phase: 'end' }, set: { act: 'gelu' } },
        ],
      },
    ]);
    expect(p.map((x) => x.field)).toEqual(['tracks[0].stops[0].set.atc', 'tracks[0].stops[1].set.act']);
    expect(p[0]?.message).toContain('(did you mean "act"?)');
    expect(p[1]?.message).toBe('"gelu" is not one of "sigmoid", "relu"');
  });

  it('refuses an edge the graph does not have, a forward stop at a leaf, and an unanchored callout at start', () => {
    const p = check([
      {
        stops: [
          { at: { phase: 'forward', node: 'x' } },
          { at: { phase: 'backward', node: 'h' }, frame: [{ edge: { from: 'x', to: 'y' } }] },
          { at: { phase: 'start' }, callout: 'hello' },
        ],
      },
    ]);
    expect(p.map((x) => x.field)).toEqual(['tracks[0].stops[0].at.phase', 'tracks[0].stops[1].frame[0].edge', 'tracks[0].stops[2].anchor']);
    expect(p[1]?.message).toBe('no edge from "x" into "y"');
  });

  it('checks a stop after `set` against the graph at those options (ex04: residual nodes exist only there)', () => {
    const at = { phase: 'backward', node: 'a_new3' } as const;
    const before = trackProblems([{ stops: [{ at }] }], ex04.options, (o) => ex04.build(o));
    expect(before.map((x) => x.field)).toEqual(['tracks[0].stops[0].at.node']);
    const after = trackProblems([{ stops: [{ at: { phase: 'start' }, set: { residual: true } }, { at }] }], ex04.options, (o) =>
      ex04.build(o),
    );
    expect(after).toEqual([]);
  });

  it('an exercise whose track is wrong is refused when it compiles', () => {
    const bad = { ...ex04, tracks: [{ stops: [{ at: { phase: 'forward' as const, node: 'dleta' } }] }] };
    expect(fieldsOf(() => compileExercise(bad))).toEqual([
      'tracks[0].stops[0].at.node: no node "dleta" in the graph at this stop (did you mean "delta"?)',
    ]);
  });
});

describe('stopCursor: node + phase → the cursor, whatever the options', () => {
  it('finds the same moment under sigmoid and under residual, where the step numbers differ', () => {
    const plain = runExercise(ex04).trace.steps;
    const residual = runExercise(ex04, { options: { residual: true } }).trace.steps;
    expect(residual.length).toBeGreaterThan(plain.length);
    for (const steps of [plain, residual]) {
      const f = stopCursor(steps, { phase: 'forward', node: 'a3' }) as number;
      expect(steps[f - 1]).toMatchObject({ phase: 'forward', node: 'a3' });
      const b = stopCursor(steps, { phase: 'backward', node: 'z2' }) as number;
      expect(steps[b - 1]).toMatchObject({ phase: 'backward', node: 'z2' });
      expect(stopCursor(steps, { phase: 'start' })).toBe(0);
      expect(stopCursor(steps, { phase: 'end' })).toBe(steps.length);
    }
    expect(stopCursor(plain, { phase: 'backward', node: 'z2' })).not.toBe(stopCursor(residual, { phase: 'backward', node: 'z2' }));
  });

  it('a leaf’s backward moment is the last step that sends it a gradient; a node absent from the run gives null', () => {
    const steps = runExercise(ex04).trace.steps;
    const c = stopCursor(steps, { phase: 'backward', node: 'W1' }) as number;
    expect(steps[c - 1]?.sent?.some((g) => g.to === 'W1')).toBe(true);
    expect(steps.slice(c).some((s) => s.sent?.some((g) => g.to === 'W1'))).toBe(false);
    expect(stopCursor(steps, { phase: 'backward', node: 'a_new3' })).toBeNull();
    expect(stopCursor(steps, { phase: 'forward', node: 'x' })).toBeNull();
  });

  it('objective: backward is its backward step (after its seed)', () => {
    const steps = runExercise(ex04).trace.steps;
    const c = stopCursor(steps, { phase: 'backward', node: 'out' }) as number;
    expect(steps[c - 1]?.phase).toBe('backward');
    expect(steps[c - 2]).toMatchObject({ phase: 'seed', node: 'out' });
  });
});

describe('options and framing per stop', () => {
  const t: TrackSpec = {
    stops: [
      { at: { phase: 'start' } },
      { at: { phase: 'end' }, set: { activation: 'relu', init: 'he' } },
      { at: { phase: 'end' }, set: { residual: true } },
      { at: { phase: 'end' }, set: { activation: 'sigmoid' } },
    ],
  };
  const d = { activation: 'sigmoid', residual: false, init: 'normal_0.3' };
  it('accumulates `set` in stop order from the defaults', () => {
    expect(optionsAtStop(t, 0, d)).toEqual(d);
    expect(optionsAtStop(t, 1, d)).toEqual({ activation: 'relu', residual: false, init: 'he' });
    expect(optionsAtStop(t, 3, d)).toEqual({ activation: 'sigmoid', residual: true, init: 'he' });
  });
  it('frames the anchor first, then the stop node and the frame list, once each', () => {
    expect(
      frameNodes({ at: { phase: 'backward', node: 'a' }, frame: [{ node: 'b' }, { edge: { from: 'a', to: 'c' } }], anchor: { node: 'b' } }),
    ).toEqual(['b', 'a', 'c']);
  });
});

describe('.gf tracks', () => {
  const gf = `option act = sigmoid | relu

x = 2
param w = 3
h = w * x
y = switch act { sigmoid => sigmoid(h), relu => relu(h) }

objective y

track "Tour" {
  stop "start" { at: start, callout: "look", anchor: x }
  stop "grad" { at: backward(w), frame: [h, edge(w, h)], callout: "why", set: { act: relu }, pause: 2 }
}
`;
  it('parses into the GraphSpec field and prints back the same text', () => {
    const p = parseGf(gf);
    expect(p.problems).toEqual([]);
    expect(p.spec?.tracks).toEqual([
      {
        title: 'Tour',
        stops: [
          { title: 'start', at: { phase: 'start' }, callout: 'look', anchor: { node: 'x' } },
          {
            title: 'grad',
            at: { phase: 'backward', node: 'w' },
            frame: [{ node: 'h' }, { edge: { from: 'w', to: 'h' } }],
            callout: 'why',
            set: { act: 'relu' },
            pause: 2,
          },
        ],
      },
    ]);
    expect(printGf(p.spec as NonNullable<typeof p.spec>)).toBe(gf);
  });

  it('locates a wrong name at its line and column, with did-you-mean', () => {
    const p = parseGf(gf.replace('at: backward(w)', 'at: backward(ww)'));
    expect(p.problems).toHaveLength(1);
    expect(p.problems[0]).toMatchObject({ line: 12, field: 'tracks[0].stops[1].at.node' });
    expect(p.problems[0]?.message).toContain('(did you mean "w"?)');
    expect(p.problems[0]?.col).toBe((gf.split('\n')[11]?.indexOf('at: backward') as number) + 1);
  });

  it('refuses an unknown stop key and a bad `at`', () => {
    expect(parseGf(gf.replace('pause: 2', 'wait: 2')).problems[0]?.message).toBe(
      'a stop has no "wait" (it takes: at, frame, callout, anchor, set, pause)',
    );
    expect(parseGf(gf.replace('at: start', 'at: begin')).problems[0]?.message).toBe('at takes start, end, forward(node) or backward(node)');
  });

  it('`track` and `stop` are keywords: a node of that name is written in backticks and reads back', () => {
    const spec = parseGf('`track` = 2\n`stop` = sin(`track`)\nobjective `stop`\n').spec;
    expect(spec?.nodes.map((n) => n.id)).toEqual(['track', 'stop']);
    expect(printGf(spec as NonNullable<typeof spec>)).toContain('`stop` = sin(`track`)');
  });
});
