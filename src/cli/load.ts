import { EXERCISES, findExercise } from '../../graphs/index';
import { GraphError } from '../core/errors';
import { MAX_FILE_BYTES } from '../core/limits';
import { FILE_FIELD, parseJsonText } from '../core/load';
import { type Exercise, exerciseFromSpec } from '../engine/exercise';
import { isGfName } from '../lang/load';
import { loadSpecFile, readGraphText } from './gf';

export { MAX_FILE_BYTES };

/** Reads and parses a JSON file (the loader's messages, under `field`), never a stack trace. */
export function readJsonFile(path: string, field: string): unknown {
  const parsed = parseJsonText(readGraphText(path, field), { name: path });
  if (!parsed.ok) throw new GraphError([{ ...parsed.problem, field: parsed.problem.field === FILE_FIELD ? field : parsed.problem.field }]);
  return parsed.value;
}

/**
 * `<graph>`: an exercise id from graphs/, or a path to a GraphSpec JSON or .gf file, read by
 * the one loader the explorer uses too (src/lang/load.ts over src/core/load.ts).
 */
export function loadGraph(ref: string | undefined): Exercise {
  if (!ref)
    throw new GraphError([
      { field: FILE_FIELD, message: `expected a graph id (${EXERCISES.map((e) => e.id).join(', ')}) or a .json or .gf path` },
    ]);
  const ex = findExercise(ref);
  if (ex) return ex;
  if (!isGfName(ref) && !ref.endsWith('.json') && !ref.includes('/')) {
    throw new GraphError([{ field: FILE_FIELD, message: `unknown graph id "${ref}" (try: gradflow list)` }]);
  }
  return exerciseFromSpec(loadSpecFile(ref).spec);
}
