import type { AnyOp } from '../op';
import { add } from './add';
import { attnScores } from './attn_scores';
import { bernoulli } from './bernoulli';
import { cos } from './cos';
import { div } from './div';
import { dot } from './dot';
import { exp } from './exp';
import { halfSquaredError } from './half_squared_error';
import { log } from './log';
import { matmul } from './matmul';
import { mean } from './mean';
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
];
