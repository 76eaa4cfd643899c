import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { EXERCISES, findExercise } from '../../graphs/index';
import { compile } from '../../src/core/compile';
import { REGISTRY } from '../../src/core/registry';
import type { GraphSpec } from '../../src/core/types';
import { nameOf, teach } from '../../src/engine/commentary';
import { type Exercise, runExercise } from '../../src/engine/exercise';
import { run } from '../../src/engine/run';

describe('step commentary in the graph’s names', () => {
  beforeAll(async () => {
    tf.enableProdMode();
    await tf.setBackend('cpu');
  });

  const spec: GraphSpec = {
    nodes: [
      { id: 'n1', op: 'leaf', value: [1, 2, 3], role: 'input', label: 'u' },
      { id: 'n2', op: 'square', inputs: ['n1'], label: 'v = u²' },
      { id: 'n3', op: 'sum', inputs: ['n2'], label: 'hsum' },
    ],
    objectives: [{ name: 'loss', node: 'n3' }],
  };

  test('a sum at the objective: every entry of its input gets 1, in labels, with the rule’s meaning', () => {
    const program = compile(spec);
    const t = teach(program, run(program));
    const line = (phase: string, node: string) => t.steps.find((s) => s.phase === phase && s.node === node)?.commentary;
    expect(line('backward', 'n3')).toBe('sum backward: every entry of v gets 1 — a sum copies its gradient');
    expect(line('backward', 'n2')).toBe('square backward: u gets ∂hsum/∂v ⊙ 2u — the slope of x² is 2x');
    expect(line('forward', 'n2')).toBe('v = u²');
    expect(line('seed', 'n3')).toMatch(/^seed: ∂hsum\/∂hsum = 1 — /);
    for (const s of t.steps) expect(s.commentary, `${s.phase} ${s.node}`).not.toMatch(/\bn[123]\b/);
  });

  test('checkpointing: the engine’s own free and recompute lines (before teach) name the labels', () => {
    // Three layers of tanh(W·a) with labels unlike their ids; checkpointing every 2 layers drops
    // and rebuilds some of them.
    const nodes: GraphSpec['nodes'] = [{ id: 'n0', op: 'leaf', value: [0.5, -0.3], role: 'input', label: 'a₀' }];
    for (let l = 1; l <= 3; l++) {
      const W = [
        [Math.cos(l), Math.sin(l)],
        [-Math.sin(l), Math.cos(l)],
      ];
      nodes.push(
        { id: `w${l}`, op: 'leaf', value: W, role: 'param', label: `W${'₀₁₂₃'[l]}` },
        { id: `m${l}`, op: 'matmul', inputs: [`w${l}`, `t${l - 1}`.replace('t0', 'n0')], label: `z${'₀₁₂₃'[l]}`, layer: l },
        { id: `t${l}`, op: 'tanh', inputs: [`m${l}`], label: `h${'₀₁₂₃'[l]} = tanh(z)`, layer: l },
      );
    }
    nodes.push({ id: 'out', op: 'sum', inputs: ['t3'], label: 'L' });
    const program = compile({ nodes, objectives: [{ name: 'loss', node: 'out' }] });
    const raw = run(program, { checkpointEvery: 2 });
    const taught = teach(program, raw);
    const label = (id: string) => nameOf(program.nodes.get(id));
    for (const t of [raw, taught]) {
      const memory = t.steps.filter((s) => s.phase === 'free' || s.phase === 'recompute');
      expect(memory.map((s) => s.phase)).toContain('free');
      expect(memory.map((s) => s.phase)).toContain('recompute');
      for (const s of memory) {
        const head = `${s.phase} ${label(s.node)}`;
        expect(
          [`${head}:`, `${head} `].some((h) => s.commentary.startsWith(h)),
          `${s.phase} ${s.node}: ${s.commentary}`,
        ).toBe(true);
        expect(s.commentary, `${s.phase} ${s.node}`).not.toMatch(/\b(n0|w\d|m\d|t\d|out)\b/);
      }
    }
    const rebuilt = taught.steps.find((s) => s.phase === 'recompute' && s.node === 'm1');
    expect(rebuilt?.commentary).toBe(
      'recompute z₁ from the last checkpoint: it was freed after the forward pass and backward needs it again',
    );
  });

  test('names are the label’s symbol; anything longer is parenthesised', () => {
    const n = (label?: string) => ({ id: 'x9', spec: { id: 'x9', op: 'leaf', label } });
    expect([undefined, 'g = e³ᵗ', 'δ (upstream gradient)', 'h₁ + h₂', 'w₂·a₁', 'ŷ', 'a₀ = x'].map((l) => nameOf(n(l) as never))).toEqual([
      'x9',
      'g',
      'δ',
      '(h₁ + h₂)',
      '(w₂·a₁)',
      'ŷ',
      'a₀',
    ]);
  });

  test('every op says its rule with the names it is given', () => {
    for (const op of REGISTRY.values()) {
      const x = op.inputs.map((_, i) => `X${i}`);
      const names = { y: 'Y', x, dy: '∂L/∂Y', attrs: { by: 3, p: 0.5, alpha: 0.1, index: 1, axis: -1 } };
      const fwd = op.commentary.forward(names);
      const bwd = op.commentary.backward(names);
      expect(fwd, `${op.name} forward`).toContain('Y');
      expect(bwd, `${op.name} backward`).toContain('X0');
      // The backward line names the gradient it passes on (stochastic and straight-through ops say so in words).
      expect(bwd.includes('∂L/∂Y') || op.stochastic === true, `${op.name} backward quotes ∂L/∂Y`).toBe(true);
      expect(`${fwd} ${bwd}`, op.name).not.toMatch(/undefined|\[object/);
    }
  });

  test('every exercise step has a line, and default lines use labels, not ids', () => {
    for (const ex of EXERCISES) {
      const r = runExercise(ex);
      for (const s of r.trace.steps) {
        expect(s.commentary.length, `${ex.id} ${s.phase} ${s.node}`).toBeGreaterThan(0);
        const n = r.program.nodes.get(s.node);
        const own = s.phase === 'forward' || s.phase === 'backward' ? n?.spec.commentary?.[s.phase] : undefined;
        // The gradient it passes on is named (`1` at the objective itself).
        if (s.phase === 'backward' && own === undefined)
          expect(s.commentary, `${ex.id} ${s.node}`).toContain(s.node === r.trace.objectiveNode ? ' 1' : '∂');
        if (own === undefined && n?.spec.label && s.phase === 'forward') expect(s.commentary).toContain(nameOf(n));
      }
    }
  });

  test('free and recompute lines call a node by its label, not its id', () => {
    const ex = findExercise('ex05-gradient-checkpointing') as Exercise;
    // Relabel every node so a line that used the id could not pass by accident.
    const relabelled: Exercise = {
      ...ex,
      build: (o) => {
        const spec = ex.build(o);
        return { ...spec, nodes: spec.nodes.map((n) => ({ ...n, label: `ℓ_${n.id}` })) };
      },
    };
    const r = runExercise(relabelled, { options: { checkpoint_every: 3 } });
    const memorySteps = r.trace.steps.filter((s) => s.phase === 'free' || s.phase === 'recompute');
    expect(memorySteps.filter((s) => s.phase === 'free').length).toBeGreaterThan(0);
    expect(memorySteps.filter((s) => s.phase === 'recompute').length).toBeGreaterThan(0);
    for (const s of memorySteps) {
      expect(s.commentary, `${s.phase} ${s.node}`).toContain(`ℓ_${s.node}`);
      expect(s.commentary.replaceAll(`ℓ_${s.node}`, ''), `${s.phase} ${s.node}`).not.toMatch(new RegExp(`\\b${s.node}\\b`));
    }
  });
});
