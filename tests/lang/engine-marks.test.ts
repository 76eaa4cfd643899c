/**
 * The editor's inline marks for an op the engine refuses: the text is parsed on the main thread
 * (src/lang knows no op list), the spec goes to the compute engine (the worker's own `handle`),
 * and the engine's problems come back by node and field and are placed on the text. (The worker's
 * `handle` is these calls after choosing a tfjs backend.)
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseGf } from '../../src/lang/parse';
import { toProblems } from '../../src/ui/compute/engine';
import { computeRun, resolveExercise } from '../../src/ui/compute/exercises';
import type { RunRequest } from '../../src/ui/compute/protocol';
import { toDiagnostic } from '../../src/ui/editor/gfExtensions';
import { locateEngineProblems } from '../../src/ui/editor/located';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** What the editor marks for `text`: the engine's problems, placed, as CodeMirror diagnostics. */
function marks(text: string) {
  const gf = parseGf(text);
  expect(gf.problems).toEqual([]);
  const request: RunRequest = { source: { kind: 'spec', spec: gf.spec as never } };
  let problems: ReturnType<typeof toProblems> = [];
  try {
    computeRun(resolveExercise(request.source), request, 'cpu');
  } catch (e) {
    problems = toProblems(e);
  }
  expect(problems.length).toBeGreaterThan(0);
  const placed = locateEngineProblems(text, problems);
  return placed.map((p) => {
    const d = toDiagnostic(p, text.length);
    return { node: p.node, field: p.field, marked: text.slice(d.from, d.to), message: d.message };
  });
}

describe('the engine’s op check, marked in the editor', () => {
  it('an unknown op: the mark covers its name, with the did-you-mean', () => {
    expect(marks('x = 3\ny = 2 * rleu(x)\nobjective y\n')).toEqual([
      { node: 'y.rleu', field: 'op', marked: 'rleu', message: '2:9 unknown op "rleu" (did you mean "relu"?)' },
    ]);
  });

  it('a wrong arity: the mark covers the call', () => {
    expect(marks('x = 3\ny = relu(x, x)\nobjective y\n')).toEqual([
      { node: 'y', field: 'inputs', marked: 'relu(x, x)', message: '2:5 relu takes 1 input (x), got 2' },
    ]);
  });

  it('a case the options do not choose is checked, and marked at its own call', () => {
    expect(marks('option act = relu | tanh\nx = 3\ny = switch act { relu => relu(x), tanh => tahn(x) }\nobjective y\n')).toEqual([
      { node: 'y', field: 'by.cases.tanh.op', marked: 'tahn', message: '3:43 unknown op "tahn" (did you mean "tanh"?)' },
    ]);
  });
});
