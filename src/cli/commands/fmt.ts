import { writeFileSync } from 'node:fs';
import { GraphError } from '../../core/errors';
import { isGfName } from '../../lang/load';
import { printGf } from '../../lang/print';
import type { CliArgs } from '../args';
import { loadSpecFile } from '../gf';

/** `fmt FILE [--write]`: the canonical text of a .gf file (or pretty JSON of a .json file). */
export function fmtCommand(a: CliArgs, out: (s: string) => void): number {
  const path = a.positional[0];
  if (!path) throw new GraphError([{ field: '<file>', message: 'expected a .gf or .json file to format' }]);
  const { spec, gf } = loadSpecFile(path);
  const text = isGfName(path) ? printGf(spec, { inits: gf?.inits, comments: gf?.comments }) : `${JSON.stringify(spec, null, 2)}\n`;
  if (a.bools.has('write')) writeFileSync(path, text);
  else out(text.replace(/\n$/, ''));
  return 0;
}
