import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import type { Tensor } from '../op';
import { binaryOp } from './_binary';
import { broadcastThen, tieSplit } from './_ties';

// Tie rule: where a = b the gradient is split equally, ½ȳ to each (as torch.minimum does).
export const minimum = binaryOp({
  name: 'minimum',
  symbol: 'min',
  forward: broadcastThen(tf.minimum),
  saves: { inputs: 'all', output: false },
  vjp: (a, b, _y, dy) => [() => tf.mul(dy, tieSplit(b as Tensor, a as Tensor)), () => tf.mul(dy, tieSplit(a as Tensor, b as Tensor))],
  formula: {
    forward: 'y = \\min(a, b)',
    vjp: [
      '\\bar a = \\big(\\mathbb{1}[a < b] + \\tfrac12\\mathbb{1}[a = b]\\big) \\odot \\bar y',
      '\\bar b = \\big(\\mathbb{1}[b < a] + \\tfrac12\\mathbb{1}[a = b]\\big) \\odot \\bar y',
    ],
  },
  doc: { forward: 'min(a, b)', vjp: 'ā = ȳ where a < b, b̄ = ȳ where b < a', notes: 'broadcasts; **tie: ½ȳ to each**' },
  commentary: {
    forward: (n) => `${n.y} = min(${arg(n, 0)}, ${arg(n, 1)}) entry by entry`,
    backward: (n) => `minimum backward: ${n.dy} goes to whichever of ${arg(n, 0)}, ${arg(n, 1)} was smaller (half each on a tie)`,
  },
});
