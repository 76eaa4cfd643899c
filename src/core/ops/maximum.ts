import * as tf from '@tensorflow/tfjs';
import { arg } from '../commentary';
import type { Tensor } from '../op';
import { binaryOp } from './_binary';
import { broadcastThen, tieSplit } from './_ties';

// Tie rule: where a = b the gradient is split equally, ½ȳ to each (as torch.maximum does),
// so the two shares still add up to ȳ.
export const maximum = binaryOp({
  name: 'maximum',
  symbol: 'max',
  forward: broadcastThen(tf.maximum),
  saves: { inputs: 'all', output: false },
  vjp: (a, b, _y, dy) => [() => tf.mul(dy, tieSplit(a as Tensor, b as Tensor)), () => tf.mul(dy, tieSplit(b as Tensor, a as Tensor))],
  formula: {
    forward: 'y = \\max(a, b)',
    vjp: [
      '\\bar a = \\big(\\mathbb{1}[a > b] + \\tfrac12\\mathbb{1}[a = b]\\big) \\odot \\bar y',
      '\\bar b = \\big(\\mathbb{1}[b > a] + \\tfrac12\\mathbb{1}[a = b]\\big) \\odot \\bar y',
    ],
  },
  doc: {
    forward: 'max(a, b)',
    vjp: 'ā = ȳ where a > b, b̄ = ȳ where b > a',
    notes: 'broadcasts; **tie a = b: ½ȳ to each** (tfjs gives all to a)',
  },
  commentary: {
    forward: (n) => `${n.y} = max(${arg(n, 0)}, ${arg(n, 1)}) entry by entry`,
    backward: (n) => `maximum backward: ${n.dy} goes to whichever of ${arg(n, 0)}, ${arg(n, 1)} was larger (half each on a tie)`,
  },
});
