/**
 * One function says what a node is (src/ui/canvas/nodeKind.ts's describeNode): the canvas, the
 * inspector, the SVG export and the accessible views (node list, step table) all read it, none
 * names node kinds itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headOf } from '../../src/ui/a11y/narrate';
import type { NodeModel } from '../../src/ui/compute/protocol';

const model = (m: Partial<NodeModel> & Pick<NodeModel, 'id' | 'op'>): NodeModel => ({
  label: m.id,
  role: null,
  symbol: m.op === 'leaf' ? '' : m.op,
  inputs: [],
  slotNames: [],
  attrs: {},
  shape: [],
  formula: null,
  stochastic: false,
  needsGrad: true,
  ...m,
});

describe('the accessible node list says what a node is in describeNode’s words', () => {
  const nodes = [
    model({ id: 'W1', label: 'W₁', op: 'leaf', role: 'param' }),
    model({ id: 'F', label: 'F', op: 'leaf', role: 'frozen' }),
    model({ id: 'x', label: 'x', op: 'leaf' }),
    model({ id: 'h', label: 'h = relu(z)', op: 'relu', inputs: ['x'] }),
    model({ id: 'z', label: 'z', op: 'bernoulli', stochastic: true, attrs: { estimator: 'reinforce' } }),
    model({ id: 'L', label: 'loss', op: 'sum', inputs: ['h'] }),
  ];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const head = (node: string, from?: string) => headOf({ node, ...(from ? { from } : {}) }, byId, 'L');

  it('leaves by role, ops by name, the objective and a stochastic node as the inspector says them', () => {
    expect(head('W1')).toBe('node W₁, param');
    expect(head('F')).toBe('node F, frozen parameter (no gradient)');
    expect(head('x')).toBe('node x, input');
    expect(head('h')).toBe('node h = relu(z), relu');
    expect(head('z')).toBe('node z, stochastic · bernoulli');
    expect(head('L')).toBe('node loss, objective · sum');
  });

  it('edges by their ends’ labels', () => {
    expect(head('L', 'h')).toBe('edge h = relu(z) to loss');
  });
});

describe('src/ui/a11y names no node kind itself', () => {
  const dir = new URL('../../src/ui/a11y/', import.meta.url);
  const files = readdirSync(dir).filter((f) => /\.tsx?$/.test(f));

  it.each(files)('%s reads no op === leaf and no role', (f) => {
    const text = readFileSync(new URL(f, dir), 'utf8');
    expect(text).not.toMatch(/op\s*[!=]==\s*'leaf'/);
    expect(text).not.toMatch(/\.role\b/);
  });

  it('the node list and the step table go through describeNode', () => {
    expect(readFileSync(new URL('narrate.ts', dir), 'utf8')).toContain('describeNode(');
    expect(readFileSync(new URL('StepTable.tsx', dir), 'utf8')).toContain('describeNode(');
    expect(readFileSync(new URL('NodeNavigator.tsx', dir), 'utf8')).toContain('headOf(');
  });
});
