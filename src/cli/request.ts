import { GraphError, quote } from '../core/errors';
import { MAX_CHECKPOINT } from '../core/limits';
import type { ExerciseRunOptions } from '../engine/exercise';
import { type CliArgs, flag, pairs } from './args';
import { readJsonFile } from './load';

/** The run options shared by run, check, trace and gradcheck: inputs, options, objective, seed, checkpoint. */
export function runRequest(a: CliArgs): ExerciseRunOptions {
  const inputs: Record<string, unknown> = Object.create(null);
  const file = flag(a, 'inputs');
  if (file !== undefined) {
    const raw = readJsonFile(file, '--inputs');
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw new GraphError([{ field: '--inputs', message: 'expected a JSON object {nodeId: number | nested array}' }]);
    }
    for (const [k, v] of Object.entries(raw)) inputs[k] = v;
  }
  for (const [name, json] of pairs(a, 'set')) {
    try {
      inputs[name] = JSON.parse(json);
    } catch {
      throw new GraphError([{ node: name, field: '--set', message: `value is not JSON: ${json.slice(0, 60)}` }]);
    }
  }
  const options = Object.fromEntries(pairs(a, 'option'));
  const seedText = flag(a, 'seed');
  const seed = seedText === undefined ? undefined : Number(seedText);
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)) {
    throw new GraphError([{ field: '--seed', message: `expected an integer in [0, 2^32), got "${seedText}"` }]);
  }
  const ckText = flag(a, 'checkpoint');
  const checkpoint = ckText === undefined ? undefined : Number(ckText);
  if (checkpoint !== undefined && !(Number.isInteger(checkpoint) && checkpoint >= 0 && checkpoint <= MAX_CHECKPOINT)) {
    throw new GraphError([{ field: '--checkpoint', message: `expected an integer in [0, ${MAX_CHECKPOINT}], got ${quote(ckText)}` }]);
  }
  return { inputs: Object.keys(inputs).length ? inputs : undefined, options, objective: flag(a, 'objective'), seed, checkpoint };
}
