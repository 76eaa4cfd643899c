import type { Program } from '../core/compile';
import { GraphError } from '../core/errors';
import { type Snapshot, sizeOf } from '../core/tensor';
import { execute } from './execute';

export interface JacobianOptions {
  /** Leaf values replacing the program's (same shapes). */
  values?: ReadonlyMap<string, Float32Array>;
  seed?: number;
}

export interface Jacobian {
  /** ∂(of)_i/∂(wrt) for each output entry i (row-major over `of`), in the order the passes ran. */
  rows: Snapshot[];
  /** size(of) × size(wrt): row i is rows[i] flattened. */
  matrix: number[][];
}

/**
 * The Jacobian of node `of` with respect to node `wrt`, one reverse pass per output entry:
 * pass i seeds e_i at `of`, and what reaches `wrt` is row i. `wrt` may be a leaf (input or
 * param) or any computed node that lies on a gradient path between them.
 */
export function jacobian(program: Program, of: string, wrt: string, o: JacobianOptions = {}): Jacobian {
  const out = program.nodes.get(of);
  const target = program.nodes.get(wrt);
  if (!out) throw new GraphError([{ field: 'of', message: `no node "${of}"` }]);
  if (!target) throw new GraphError([{ field: 'wrt', message: `no node "${wrt}"` }]);
  if (!target.needsGrad) {
    throw new GraphError([{ node: wrt, field: 'wrt', message: `"${wrt}" gets no gradient (no input or param leaf at or above it)` }]);
  }
  const m = sizeOf(out.shape);
  const n = sizeOf(target.shape);
  const rows: Snapshot[] = [];
  for (let i = 0; i < m; i++) {
    const seedGrad = new Float32Array(m);
    seedGrad[i] = 1;
    const r = execute(program, { seedNode: of, seedGrad, values: o.values, seed: o.seed });
    // No gradient reached `wrt`: it does not influence `of`, so the row is zero.
    rows.push(r.grads.get(wrt) ?? { shape: target.shape.slice(), data: new Float32Array(n) });
  }
  return { rows, matrix: rows.map((r) => Array.from(r.data)) };
}

/** A·B for plain matrices (chain-rule products of Jacobians). */
export function matMul(a: number[][], b: number[][]): number[][] {
  const inner = b.length;
  return a.map((row, i) => {
    if (row.length !== inner) throw new Error(`matMul: row ${i} of A has ${row.length} entries, B has ${inner} rows`);
    return (b[0] ?? []).map((_, j) => row.reduce((s, aik, k) => s + aik * (b[k]?.[j] ?? 0), 0));
  });
}
