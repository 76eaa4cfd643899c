import { GraphError, type Problem } from './errors';
import type { OptionSpec, OptionValue } from './types';

/** Declared defaults overlaid with what was given; unknown names or values are located errors. */
export function resolveOptions(
  declared: readonly OptionSpec[],
  given: Readonly<Record<string, unknown>> = {},
): Record<string, OptionValue> {
  const out: Record<string, OptionValue> = Object.create(null);
  for (const o of declared) out[o.name] = o.default;
  const problems: Problem[] = [];
  for (const [name, raw] of Object.entries(given)) {
    const spec = declared.find((o) => o.name === name);
    if (!spec) {
      problems.push({
        field: `options.${name}`,
        message: `unknown option (this graph has: ${declared.map((o) => o.name).join(', ') || 'none'})`,
      });
      continue;
    }
    const v = coerce(spec, raw);
    if (v === undefined) {
      problems.push({
        field: `options.${name}`,
        message: `${JSON.stringify(raw)} is not one of ${spec.values.map((x) => JSON.stringify(x)).join(', ')}`,
      });
    } else out[name] = v;
  }
  if (problems.length) throw new GraphError(problems);
  return out;
}

/** Matches a value (or its string form, from a CLI flag or a URL) against the declared values. */
function coerce(spec: OptionSpec, raw: unknown): OptionValue | undefined {
  return spec.values.find((v) => v === raw || String(v) === String(raw));
}
