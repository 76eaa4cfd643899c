/**
 * Step-bar lines as functions of the graph's names: each op says what its step does and the
 * local rule with its meaning, in the labels the learner sees (src/engine/commentary.ts fills
 * the names in; an exercise may override a node's line with its own text).
 */
export interface Names {
  /** This node's output, by its label. */
  y: string;
  /** Its inputs, by slot. */
  x: readonly string[];
  /** The gradient arriving at this node: `∂L/∂y`, or `1` at the objective itself. */
  dy: string;
  /** Its attrs (`by`, `axis`, `p`…), for lines that quote them. */
  attrs: Readonly<Record<string, unknown>>;
}

export type Line = (n: Names) => string;

export interface Commentary {
  forward: Line;
  backward: Line;
}

/** Input `i` by name, `?` when the node has fewer inputs. */
export const arg = (n: Names, i: number): string => n.x[i] ?? '?';
