import { describe, expect, test } from 'vitest';
import { wrapLines } from '../../src/ui/record/frame';
import { backwardRange, cursorsOf, defaultPlan, framesPerStep, planProblem, rangeShots } from '../../src/ui/record/plan';
import { recordingName } from '../../src/ui/record/record';
import { trackShots } from '../../src/ui/record/track';
import { frameTimestamp } from '../../src/ui/record/webm';
import { parseGif } from './gif';

const seg = (kind: 'forward' | 'backward' | 'memory', from: number, to: number) => ({ kind, from, to });

describe('the recording plan', () => {
  test('the default range is the backward phase as cursors (cursor k = step k done), memory steps inside kept', () => {
    // steps 0..4 forward, 5..7 backward, 8 a recomputation, 9..11 backward, 12 a free
    const t = {
      length: 13,
      segments: [seg('forward', 0, 5), seg('backward', 5, 8), seg('memory', 8, 9), seg('backward', 9, 12), seg('memory', 12, 13)],
    };
    expect(backwardRange(t)).toEqual({ from: 6, to: 12 });
    expect(defaultPlan(t)).toMatchObject({ from: 6, to: 12, width: 1280, height: 720, format: 'webm', secondsPerStep: 1, fps: 30 });
    // No backward phase: the whole trace.
    expect(defaultPlan({ length: 4, segments: [seg('forward', 0, 4)] })).toMatchObject({ from: 1, to: 4 });
    expect(cursorsOf({ from: 6, to: 9 })).toEqual([6, 7, 8, 9]);
  });

  test('frames per step and exact timestamps', () => {
    expect(framesPerStep({ secondsPerStep: 1, fps: 30 })).toBe(30);
    expect(framesPerStep({ secondsPerStep: 0.5, fps: 25 })).toBe(13);
    expect(framesPerStep({ secondsPerStep: 0.01, fps: 30 })).toBe(1);
    // 30 fps: 33 333.3 µs per frame, rounded per frame so frame 30 is exactly 1 s.
    expect([0, 1, 2, 3, 30, 450].map((n) => frameTimestamp(n, 30))).toEqual([0, 33_333, 66_667, 100_000, 1_000_000, 15_000_000]);
  });

  test('a wrong plan is refused with the field named', () => {
    const ok = { from: 2, to: 5, width: 1280, height: 720, format: 'webm' as const, secondsPerStep: 1, fps: 30, track: null };
    expect(planProblem(ok, 10)).toBeNull();
    expect(planProblem({ ...ok, from: 0 }, 10)).toMatch(/^from step/);
    expect(planProblem({ ...ok, from: Number.NaN }, 10)).toMatch(/^from step/);
    expect(planProblem({ ...ok, to: 1 }, 10)).toMatch(/^to step: a whole number from 2 to 10/);
    expect(planProblem({ ...ok, to: 11 }, 10)).toMatch(/^to step/);
    expect(planProblem({ ...ok, width: 1279 }, 10)).toMatch(/^size/);
    expect(planProblem({ ...ok, secondsPerStep: 0 }, 10)).toMatch(/^seconds per step/);
    expect(planProblem({ ...ok, fps: 0 }, 10)).toMatch(/^frames per second/);
    expect(planProblem({ ...ok, format: 'gif', fps: 0 }, 10)).toBeNull();
    expect(planProblem(ok, 0)).toMatch(/no steps/);
    // A track ignores the range fields.
    expect(planProblem({ ...ok, track: 0, from: Number.NaN, to: 0 }, 10)).toBeNull();
  });

  test('file names and caption wrapping', () => {
    expect(recordingName('ex03-two-layer-backprop', { from: 12, to: 19, format: 'gif', track: null })).toBe(
      'ex03-two-layer-backprop-steps-12-19.gif',
    );
    expect(recordingName('ex04-vanishing-gradients', { from: 1, to: 1, format: 'webm', track: 1 })).toBe(
      'ex04-vanishing-gradients-track-2.webm',
    );
    expect(rangeShots({ from: 3, to: 5, secondsPerStep: 0.5 })).toEqual([
      { cursor: 3, seconds: 0.5 },
      { cursor: 4, seconds: 0.5 },
      { cursor: 5, seconds: 0.5 },
    ]);
    expect(wrapLines('a bb ccc dddd', 6, 2)).toEqual(['a bb', 'ccc…']);
    expect(wrapLines('a bb ccc', 6, 2)).toEqual(['a bb', 'ccc']);
    expect(wrapLines('one\ntwo', 20, 2)).toEqual(['one two']);
    expect(wrapLines('', 20, 2)).toEqual([]);
  });
});

describe('a lecture track as shots of one run', () => {
  // a → h (forward 1), L (forward 2); seed L (3), backward h (4, sends to a)
  const steps = [
    { phase: 'forward', node: 'h' },
    { phase: 'forward', node: 'L' },
    { phase: 'seed', node: 'L' },
    { phase: 'backward', node: 'h', sent: [{ to: 'a' }] },
  ];
  const graph = { options: [{ name: 'act', values: ['sigmoid', 'relu'], default: 'sigmoid' }] };
  const track = {
    title: 'demo',
    stops: [
      { at: { phase: 'start' as const }, title: 'before' },
      { at: { phase: 'forward' as const, node: 'L' }, callout: 'the loss', pause: 2.5 },
      { at: { phase: 'backward' as const, node: 'a' }, title: 'a leaf: its last gradient in', pause: 0 },
      { at: { phase: 'backward' as const, node: 'h' }, set: { act: 'relu' }, title: 'switch to ReLU' },
      { at: { phase: 'end' as const } },
    ],
  };

  test('each stop at the cursor of its moment, for its pause (seconds per step without one); stops needing other options are listed to be run at them', () => {
    const r = trackShots(graph, track, steps, { act: 'sigmoid' }, 1);
    expect(r.shots).toEqual([
      { cursor: 0, seconds: 1, stop: { index: 0, count: 5, title: 'before', callout: undefined } },
      { cursor: 2, seconds: 2.5, stop: { index: 1, count: 5, title: undefined, callout: 'the loss' } },
      { cursor: 4, seconds: 1, stop: { index: 2, count: 5, title: 'a leaf: its last gradient in', callout: undefined } },
    ]);
    // From the switch on, every stop needs act = relu: recorded at that run, with its seconds.
    expect(r.elsewhere).toEqual([
      { index: 3, seconds: 1 },
      { index: 4, seconds: 1 },
    ]);
    expect(r.skipped).toEqual([]);
    // Run with ReLU: the first three need sigmoid (the default) instead.
    const relu = trackShots(graph, track, steps, { act: 'relu' }, 1);
    expect(relu.shots.map((x) => x.cursor)).toEqual([4, 4]);
    expect(relu.elsewhere).toEqual([
      { index: 0, seconds: 1 },
      { index: 1, seconds: 2.5 },
      { index: 2, seconds: 1 },
    ]);
  });

  test('a stop whose moment the run does not have is named', () => {
    const r = trackShots(graph, { stops: [{ at: { phase: 'forward', node: 'zz' } }] }, steps, { act: 'sigmoid' }, 1);
    expect(r).toEqual({ shots: [], skipped: ['stop 1: this run has no forward step of zz'], elsewhere: [] });
  });
});

describe('the GIF block parser used by the recording tests', () => {
  test('reads a hand-made two-frame GIF89a and refuses a truncated one', () => {
    const frame = (delay: number) => [
      0x21,
      0xf9,
      4,
      0,
      delay,
      0,
      0,
      0, // graphic control: delay (cs)
      0x2c,
      0,
      0,
      0,
      0,
      2,
      0,
      1,
      0,
      0, // image descriptor 2×1, no local table
      2,
      2,
      0x4c,
      0x01,
      0, // LZW min 2, one data sub-block, terminator
    ];
    // biome-ignore format: bytes
    const bytes = new Uint8Array([
      ...[0x47, 0x49, 0x46, 0x38, 0x39, 0x61], 2, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255,
      0x21, 0xff, 11, ...[...'NETSCAPE2.0'].map((c) => c.charCodeAt(0)), 3, 1, 0, 0, 0,
      ...frame(100), ...frame(50), 0x3b,
    ]);
    const g = parseGif(bytes);
    expect(g).toEqual({
      version: 'GIF89a',
      width: 2,
      height: 1,
      loops: 0,
      frames: [
        { width: 2, height: 1, delayCs: 100 },
        { width: 2, height: 1, delayCs: 50 },
      ],
    });
    expect(() => parseGif(bytes.subarray(0, bytes.length - 8))).toThrow(/truncated/);
  });
});
