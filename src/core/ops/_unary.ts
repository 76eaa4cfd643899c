import * as tf from '@tensorflow/tfjs';
import type { Commentary } from '../commentary';
import { defineOp, type Formula, type OpDef, type OpDoc, type Tensor } from '../op';

interface UnarySpec {
  name: string;
  symbol: string;
  forward: (x: Tensor) => Tensor;
  /** What the derivative reads: the input x, the output y, or nothing. */
  reads: 'x' | 'y' | 'none';
  /** Elementwise dy/dx from what `reads` names (the other argument is undefined); a number broadcasts. */
  derivative: (x: Tensor | undefined, y: Tensor | undefined) => Tensor | number;
  formula: Formula;
  doc: OpDoc;
  commentary: Commentary;
  straightThrough?: boolean;
}

/** An elementwise op of one input: the VJP is dy ⊙ f'(x). */
export function unaryOp(s: UnarySpec): OpDef {
  return defineOp({
    name: s.name,
    inputs: ['x'],
    symbol: s.symbol,
    shape: ([x]) => x as number[],
    forward: ([x]) => s.forward(x as Tensor),
    vjp: ({ inputs: [x], output, dy }) => [() => tf.mul(dy, s.derivative(x, output))],
    saves: { inputs: s.reads === 'x' ? [0] : [], output: s.reads === 'y' },
    formula: s.formula,
    doc: s.doc,
    commentary: s.commentary,
    straightThrough: s.straightThrough,
  });
}
