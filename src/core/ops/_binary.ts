import { broadcastShapes } from '../broadcast';
import type { Commentary } from '../commentary';
import { defineOp, type Formula, type OpDef, type OpDoc, type Saves, type Tensor, type Vjp } from '../op';

interface BinarySpec {
  name: string;
  symbol: string;
  forward: (a: Tensor, b: Tensor) => Tensor;
  /** What `vjp` reads; the others arrive undefined. */
  saves: Saves;
  /** Gradients at the broadcast shape; the engine sums them back to each input's shape. */
  vjp: (a: Tensor | undefined, b: Tensor | undefined, y: Tensor | undefined, dy: Tensor) => Vjp;
  formula: Formula;
  doc: OpDoc;
  commentary: Commentary;
}

/** An elementwise op of two inputs with NumPy broadcasting. */
export function binaryOp(s: BinarySpec): OpDef {
  return defineOp({
    name: s.name,
    inputs: ['a', 'b'],
    symbol: s.symbol,
    broadcast: true,
    shape: ([a, b]) => broadcastShapes(a as number[], b as number[], ['a', 'b']),
    forward: ([a, b]) => s.forward(a as Tensor, b as Tensor),
    vjp: ({ inputs: [a, b], output, dy }) => s.vjp(a, b, output, dy),
    saves: s.saves,
    formula: s.formula,
    doc: s.doc,
    commentary: s.commentary,
  });
}
