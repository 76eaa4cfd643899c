import type { AnyOp } from '../op';
import { abs } from './abs';
import { add } from './add';
import { attnScores } from './attn_scores';
import { bernoulli } from './bernoulli';
import { cos } from './cos';
import { div } from './div';
import { dot } from './dot';
import { dropout } from './dropout';
import { exp } from './exp';
import { gelu } from './gelu';
import { halfSquaredError } from './half_squared_error';
import { layerNorm } from './layer_norm';
import { leakyRelu } from './leaky_relu';
import { log } from './log';
import { logSoftmax } from './log_softmax';
import { logsumexp } from './logsumexp';
import { matmul } from './matmul';
import { max } from './max';
import { maximum } from './maximum';
import { mean } from './mean';
import { minimum } from './minimum';
import { mul } from './mul';
import { neg } from './neg';
import { outer } from './outer';
import { pick } from './pick';
import { pow } from './pow';
import { relu } from './relu';
import { reshape } from './reshape';
import { roundSte } from './round_ste';
import { scale } from './scale';
import { sigmoid } from './sigmoid';
import { sin } from './sin';
import { softmax } from './softmax';
import { softmaxCrossEntropy } from './softmax_cross_entropy';
import { softplus } from './softplus';
import { sqrt } from './sqrt';
import { square } from './square';
import { stack } from './stack';
import { sub } from './sub';
import { sum } from './sum';
import { tanh } from './tanh';
import { transpose } from './transpose';

/** Every op, in one explicit list (the registry throws on a duplicate name). */
export const ALL_OPS: readonly AnyOp[] = [
  add,
  sub,
  mul,
  div,
  neg,
  square,
  pow,
  exp,
  log,
  sin,
  cos,
  tanh,
  sigmoid,
  relu,
  matmul,
  transpose,
  outer,
  dot,
  sum,
  mean,
  scale,
  softmax,
  reshape,
  stack,
  pick,
  halfSquaredError,
  attnScores,
  roundSte,
  bernoulli,
  // Ops authors reach for (issue 11): one file each.
  abs,
  sqrt,
  maximum,
  minimum,
  max,
  leakyRelu,
  gelu,
  softplus,
  logsumexp,
  logSoftmax,
  softmaxCrossEntropy,
  layerNorm,
  dropout,
];
