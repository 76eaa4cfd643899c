import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { ex03 } from '../../graphs/ex03-two-layer-backprop';
import { compile } from '../../src/core/compile';
import { run } from '../../src/engine/run';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

it('10,000 run/reset cycles keep tensors and heap flat', () => {
  const program = compile(ex03.build({}));
  const cycle = (i: number) => {
    const t = run(program, { seed: i });
    return t.steps.length; // the trace is dropped each cycle: a "reset"
  };
  for (let i = 0; i < 200; i++) cycle(i);
  const tensors0 = tf.memory().numTensors;
  const heap0 = heapAfterGc();
  for (let i = 0; i < 10_000; i++) cycle(i);
  const heap1 = heapAfterGc();
  expect(tf.memory().numTensors).toBe(tensors0);
  // Noise from JIT and tfjs's caches is a few MB at most; a leak of one trace per cycle is ≥ 50 MB.
  expect(heap1 - heap0).toBeLessThan(8 * 1024 * 1024);
}, 120_000);
