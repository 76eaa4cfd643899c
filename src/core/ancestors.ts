import type { Program } from './compile';

/** Nodes that `ids` depend on, themselves included. The walk does not go past `stop`. */
export function ancestors(program: Program, ids: readonly string[], stop?: string): Set<string> {
  const out = new Set<string>();
  const stack = [...ids];
  while (stack.length) {
    const cur = stack.pop() as string;
    if (out.has(cur)) continue;
    out.add(cur);
    if (cur !== stop) stack.push(...(program.nodes.get(cur)?.inputs ?? []));
  }
  return out;
}
