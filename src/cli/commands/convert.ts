import { findExercise } from '../../../graphs/index';
import { GraphError } from '../../core/errors';
import { resolveOptions } from '../../core/options';
import type { GraphSpec } from '../../core/types';
import { printGf } from '../../lang/print';
import { type CliArgs, flag, pairs } from '../args';
import { loadSpecFile } from '../gf';
import { loadGraph } from '../load';

/**
 * `convert <graph> --to gf|json`: a .gf or .json file (option switches kept), or a built-in
 * exercise built at its `--option` values, as graph-language text or GraphSpec JSON on stdout.
 */
export function convertCommand(a: CliArgs, out: (s: string) => void): number {
  const to = flag(a, 'to');
  if (to !== 'gf' && to !== 'json')
    throw new GraphError([{ field: '--to', message: `expected gf or json, got ${to === undefined ? 'nothing' : `"${to}"`}` }]);
  const ref = a.positional[0];
  let spec: GraphSpec;
  if (ref !== undefined && !findExercise(ref) && /\.(gf|json)$/i.test(ref)) spec = loadSpecFile(ref).spec;
  else {
    const ex = loadGraph(ref);
    const built = ex.build(resolveOptions(ex.options, Object.fromEntries(pairs(a, 'option'))));
    const notes = built.notes ?? ex.notes;
    spec = { ...built, id: ex.id, title: ex.title, ...(notes.length ? { notes } : {}) };
  }
  out(to === 'gf' ? printGf(spec).replace(/\n$/, '') : JSON.stringify(spec, null, 2));
  return 0;
}
