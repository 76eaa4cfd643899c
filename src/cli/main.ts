import * as tf from '@tensorflow/tfjs';
import { GraphError } from '../core/errors';
import { parseArgs } from './args';
import { checkCommand } from './commands/check';
import { convertCommand } from './commands/convert';
import { fmtCommand } from './commands/fmt';
import { gradcheckCommand } from './commands/gradcheck';
import { listCommand } from './commands/list';
import { opsCommand } from './commands/ops';
import { runCommand } from './commands/run';
import { traceCommand } from './commands/trace';
import { formatCliProblem, GfFileError, resetGfSource } from './gf';

const USAGE = `usage: gradflow <command> [args]
  list                          built-in graph ids and titles
  check <graph>                 validate; exit 2 with one line per problem
  run <graph> [--inputs FILE.json] [--set NAME=JSON]... [--option NAME=VALUE]...
              [--objective NAME] [--seed N] [--json]
  trace <graph> [same flags]    the step list: index, phase, node, op, shapes, norm
  gradcheck <graph> [same flags] engine VJP vs tf.grads vs finite differences
  fmt <file> [--write]          canonical .gf text (or pretty JSON); --write rewrites the file
  convert <graph> --to gf|json  a file or a built-in graph (at its --option values) as .gf or JSON
  ops [NAME]...                 the op reference (a Markdown table), or the ops named, in detail
<graph> is a built-in id or a path to a .gf (graph language) or GraphSpec .json file.
exit codes: 0 ok, 1 a check failed, 2 bad input`;

type Command = (a: ReturnType<typeof parseArgs>, out: (s: string) => void) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  list: (_a, out) => listCommand(out),
  check: checkCommand,
  run: runCommand,
  trace: traceCommand,
  gradcheck: gradcheckCommand,
  fmt: fmtCommand,
  convert: convertCommand,
  ops: opsCommand,
};

export async function main(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  resetGfSource();
  try {
    const a = parseArgs(argv);
    if (!a.command || a.bools.has('help')) {
      (a.command ? out : err)(USAGE);
      return a.command ? 0 : 2;
    }
    const cmd = Object.hasOwn(COMMANDS, a.command) ? COMMANDS[a.command] : undefined;
    if (!cmd) {
      err(`unknown command "${a.command}"\n${USAGE}`);
      return 2;
    }
    tf.enableProdMode();
    await tf.setBackend('cpu');
    return await cmd(a, out);
  } catch (e) {
    if (e instanceof GraphError) {
      e.problems.forEach((p, i) => {
        err(formatCliProblem(p, e instanceof GfFileError ? e.places[i] : undefined));
      });
      return 2;
    }
    err(`internal error: ${(e as Error).message ?? String(e)}`);
    return 3;
  }
}

const isEntry = process.argv[1]?.endsWith('main.ts') || process.argv[1]?.endsWith('main.js');
if (isEntry) {
  // `gradflow … | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  const code = await main(
    process.argv.slice(2),
    (s) => process.stdout.write(`${s}\n`),
    (s) => process.stderr.write(`${s}\n`),
  );
  process.exitCode = code;
}
