import { readFileSync, statSync } from 'node:fs';
import { EXERCISES, findExercise } from '../../graphs/index';
import { GraphError } from '../core/errors';
import { MAX_FILE_BYTES } from '../core/limits';
import { parseGraphSpec } from '../core/schema';
import { type Exercise, exerciseFromSpec } from '../engine/exercise';
import { isGfName } from '../lang/load';
import { loadSpecFile } from './gf';

export { MAX_FILE_BYTES };

/** Reads and parses a JSON file; every failure is a located GraphError, never a stack trace. */
export function readJsonFile(path: string, field: string): unknown {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new GraphError([{ field, message: `cannot read "${path}"` }]);
  }
  if (size > MAX_FILE_BYTES) throw new GraphError([{ field, message: `"${path}" is ${size} bytes; the limit is ${MAX_FILE_BYTES}` }]);
  const text = readFileSync(path, 'utf8');
  if (text.trim() === '') throw new GraphError([{ field, message: `"${path}" is empty` }]);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new GraphError([{ field, message: `"${path}" is not valid JSON (${(e as Error).message})` }]);
  }
}

/** `<graph>`: an exercise id from graphs/, or a path to a GraphSpec JSON or .gf file. */
export function loadGraph(ref: string | undefined): Exercise {
  if (!ref)
    throw new GraphError([
      { field: '<graph>', message: `expected a graph id (${EXERCISES.map((e) => e.id).join(', ')}) or a .json or .gf path` },
    ]);
  const ex = findExercise(ref);
  if (ex) return ex;
  if (isGfName(ref)) return exerciseFromSpec(loadSpecFile(ref).spec);
  if (!ref.endsWith('.json') && !ref.includes('/')) {
    throw new GraphError([{ field: '<graph>', message: `unknown graph id "${ref}" (try: gradflow list)` }]);
  }
  const raw = readJsonFile(ref, '<graph>');
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new GraphError([
      {
        field: '(graph)',
        message: `expected a JSON object with "nodes" and "objectives", got ${Array.isArray(raw) ? 'an array' : JSON.stringify(raw)?.slice(0, 40)}`,
      },
    ]);
  }
  return exerciseFromSpec(parseGraphSpec(raw));
}
