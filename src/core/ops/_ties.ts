import * as tf from '@tensorflow/tfjs';
import { broadcastShapes } from '../broadcast';
import type { Tensor } from '../op';

/** 1 where u > v, ½ where u = v, 0 where u < v, at the broadcast shape of u and v. */
export function tieSplit(u: Tensor, v: Tensor): Tensor {
  return tf.add(tf.cast(tf.greater(u, v), 'float32'), tf.mul(0.5, tf.cast(tf.equal(u, v), 'float32')));
}

/**
 * f(a, b) on explicitly broadcast operands. tfjs's own gradients of maximum/minimum do not
 * sum back over broadcast axes; with broadcastTo first, tf.grads (our reference) sees only
 * same-shape operands and broadcastTo's gradient does the summing.
 */
export function broadcastThen(f: (a: Tensor, b: Tensor) => Tensor): (a: Tensor, b: Tensor) => Tensor {
  return (a, b) => {
    const shape = broadcastShapes(a.shape, b.shape, ['a', 'b']);
    return f(tf.broadcastTo(a, shape), tf.broadcastTo(b, shape));
  };
}
