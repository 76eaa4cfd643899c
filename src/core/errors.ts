/** One located problem in a graph: which node (if any), which field, what was expected. */
export interface Problem {
  node?: string;
  field: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  const where = p.node !== undefined ? `node "${p.node}"` : 'graph';
  return `${where}, field "${p.field}": ${p.message}`;
}

/** Thrown for bad input (graph, values, options). Never for a bug in gradflow itself. */
export class GraphError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'GraphError';
    this.problems = problems;
  }
}

export function fail(node: string | undefined, field: string, message: string): never {
  throw new GraphError([{ node, field, message }]);
}

/** Error raised inside a shape rule; compile() attaches the node id. */
export class ShapeError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'ShapeError';
    this.field = field;
  }
}
