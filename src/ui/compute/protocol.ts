import type { Problem } from '../../core/errors';
import type { TrackSpec } from '../../core/track';
import type { GraphSpec, GroupSpec, NestedNumber, ObjectiveSpec, OptionSpec, OptionValue, Role, Shape } from '../../core/types';
import type { Check, LessonBlocks } from '../../engine/exercise';
import type { Trace } from '../../engine/trace';

/**
 * Plain, structured-clonable data the compute side (a Web Worker, or the main thread as a
 * fallback) hands to the UI. The UI never sees a Program or a tensor: only these.
 */

/** What the graph list shows for an exercise. */
export interface ExerciseInfo {
  id: string;
  title: string;
  /** Course theme: the sidebar groups exercises by it. */
  theme?: string;
  text: string;
  options: OptionSpec[];
  notes: string[];
}

/** One node as the canvas and the inspector need it. */
export interface NodeModel {
  id: string;
  /** `spec.label`, or the id. Data: render as text. */
  label: string;
  /** `leaf`, or the op name. */
  op: string;
  /** Leaves only. */
  role: Role | null;
  /** Short glyph of the op (`A·B`); empty for leaves. */
  symbol: string;
  inputs: string[];
  /** The op's name for each input slot (`A`, `B`, …). */
  slotNames: string[];
  attrs: Record<string, unknown>;
  shape: Shape;
  /** KaTeX of the op's forward rule and one VJP per input; null for leaves. */
  formula: { forward: string; vjp: string[] } | null;
  stochastic: boolean;
  /** Some input/param leaf lies upstream: a gradient can reach this node. */
  needsGrad: boolean;
  note?: string;
  group?: string;
  layer?: number;
}

export interface GraphModel {
  /** Exercise id, or the user's graph id (`custom` when it has none). */
  id: string;
  title: string;
  text: string;
  /** Topological order. */
  nodes: NodeModel[];
  groups: GroupSpec[];
  options: OptionSpec[];
  objectives: ObjectiveSpec[];
  notes: string[];
  /** Lecture tracks (checked against the graph; display text inert). */
  tracks: TrackSpec[];
  /** Changes only when nodes, edges or groups change: the layout is cached on it. */
  structureKey: string;
}

/**
 * Where the graph comes from: a bundled exercise, or a user's GraphSpec (parsed JSON) from a
 * file, a paste, or a same-origin `?src=` URL (`src` as the link gave it, kept for the link).
 */
export type GraphSource = { kind: 'exercise'; id: string } | { kind: 'spec'; spec: unknown; src?: string };

export interface RunRequest {
  source: GraphSource;
  options?: Record<string, unknown>;
  /** Leaf values by node id (user edits). */
  inputs?: Record<string, NestedNumber>;
  objective?: string;
  seed?: number;
  /**
   * `later`: the trace first, the whole lesson (quick part too) with the `lesson` call — for a
   * bundled exercise whose graph is not on screen yet (its quick lesson can take longer than the
   * run: ex01's charts re-run the graph 160 times). A user's graph ignores it: its quick checks
   * are cheap, and a check that fails to evaluate refuses the run.
   */
  lesson?: 'later';
}

export interface RunResult {
  graph: GraphModel;
  trace: Trace;
  checks: Check[];
  blocks: LessonBlocks;
  options: Record<string, OptionValue>;
  seed: number;
  /** Current value of every leaf, for the editors. */
  leafValues: Record<string, NestedNumber>;
  /**
   * The GraphSpec the engine ran: options resolved (no `by` left), leaf edits applied. "Edit this
   * graph" prints it as .gf text, so an exercise opens as text at its current options.
   */
  spec: GraphSpec;
  /** tfjs backend that produced it (`wasm` or `cpu`). */
  backend: string;
  /** Wall time of the run on the compute side. */
  ms: number;
  /**
   * The lesson has a deferred part (checks that re-run the graph: finite differences, training,
   * estimators) not in `checks`/`blocks` yet: ask for it with a `lesson` call on the same request.
   */
  deferred?: boolean;
  /** Asked with `lesson: 'later'` and honoured: `checks`/`blocks` are empty, the `lesson` call (with the same flag) brings them all. */
  lessonLater?: boolean;
}

/**
 * A graph's structure before its run: what the layout needs, compiled without the backend (so
 * it arrives before the run). Never drawn: the canvas draws a graph with its run's values.
 */
export interface GraphStructure {
  /** Equal to the run's `graph` for the same request. */
  graph: GraphModel;
  /** The run's `trace.objectiveNode` for the same request. */
  objectiveNode: string;
}

/** The deferred part of a run's lesson: checks to append to the run's, blocks to add to its. */
export interface DeferredLesson {
  checks: Check[];
  blocks: LessonBlocks;
  /** Wall time on the compute side. */
  ms: number;
}

/** Engine VJP vs tf.grads vs finite differences, per node (see src/engine/gradcheck.ts). */
export interface GradcheckRow {
  node: string;
  /** The op at this node, or `leaf` for the end-to-end gradient of an input/param. */
  op: string;
  /** Relative errors; null when skipped. */
  vsTfGrads: number | null;
  vsFiniteDiff: number | null;
  /** null when skipped (an estimator's VJP is not a derivative). */
  pass: boolean | null;
  skipped?: string;
  note?: string;
}

export interface GradcheckReport {
  /** Every check that ran passed. */
  pass: boolean;
  tolerance: { tfGrads: number; finiteDiff: number };
  nodes: GradcheckRow[];
  leaves: GradcheckRow[];
}

/** The compute side's tfjs memory (tf.memory()), for leak checks. */
export interface EngineMemory {
  numTensors: number;
  numBytes: number;
  backend: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** Messages to and from the worker. */
export type ComputeCall =
  | { kind: 'catalogue' }
  | { kind: 'ops' }
  | { kind: 'run'; request: RunRequest }
  | { kind: 'structure'; request: RunRequest }
  | { kind: 'gradcheck'; request: RunRequest }
  | { kind: 'lesson'; request: RunRequest }
  | { kind: 'memory' };

export interface ComputeMessage {
  id: number;
  call: ComputeCall;
}

export interface ComputeReply {
  id: number;
  outcome: Outcome<unknown>;
}
