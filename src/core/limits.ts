/**
 * Every limit on what gradflow reads or computes, in one place, shared by the CLI, the engine
 * and the explorer (no Node or DOM imports here). Each protects the page and the CLI from a
 * hostile or mistaken file; none is a property of the mathematics.
 */

/** Largest graph or inputs file read, in bytes: a file on disk, a picked file, pasted text, a fetched URL. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Deepest JSON nesting accepted before a graph is cloned to the compute worker (a real graph nests ~12). */
export const MAX_NESTING = 64;

/** Largest tensor a graph may declare or produce (elements). */
export const MAX_TENSOR_SIZE = 1 << 20;
/** Deepest nesting accepted for a tensor literal. */
export const MAX_RANK = 6;

/** Labels, notes and commentary are data; capped so a file cannot flood the page. */
export const MAX_TEXT = 4000;
export const MAX_NODES = 2000;
/** Length of a node, objective, option or group id. */
export const MAX_ID = 100;
export const MAX_OP_NAME = 60;
export const MAX_INPUTS = 64;
export const MAX_ATTR_KEY = 60;
export const MAX_ATTR_STRING = 200;
export const MAX_ATTR_ARRAY = 16;
export const MAX_LAYER = 10_000;
export const MAX_OBJECTIVES = 16;
export const MAX_OPTIONS = 32;
export const MAX_OPTION_VALUES = 64;
export const MAX_OPTION_STRING = 100;
export const MAX_GROUPS = 200;
export const MAX_NOTES = 50;
/** Problems reported for one graph (the rest are dropped). */
export const MAX_PROBLEMS = 50;
/** Longest user-supplied name echoed in a message (longer ones are cut with "…"). */
export const MAX_ECHO = 60;
/** Longest problem message (messages carry echoed text). */
export const MAX_MESSAGE = 400;

/** Most draws one `bernoulli` node may take. */
export const MAX_SAMPLES = 1_000_000;
/** Largest checkpoint interval (a layer index never exceeds MAX_LAYER). */
export const MAX_CHECKPOINT = MAX_LAYER;

/** Finite once stored as float32 (the only precision tfjs computes in): 1e39 is Infinity there. */
export const isFloat32Finite = (x: number): boolean => Number.isFinite(Math.fround(x));

// ── Explorer limits (src/ui and the loader it shares with the CLI) ──────────────────────────

/** Longest KaTeX source typeset; longer formulas are shown as a refusal (KaTeX time grows with it). */
export const MAX_FORMULA_CHARS = 1000;

/** A value editor offers a cell grid up to this many entries; larger tensors are edited as JSON text. */
export const MAX_EDITOR_CELLS = 36;

/** An error message is shown up to this many characters (a hostile file cannot flood the panel). */
export const MAX_MESSAGE_CHARS = 600;

/** Heatmaps up to this many entries are SVG (one element per cell); larger ones are drawn on a canvas. */
export const MAX_SVG_CELLS = 1024;

/** Predict mode asks for gradients up to this many entries (a sign pattern of 100 entries teaches nothing). */
export const MAX_GUESS_ENTRIES = 16;

/** Tensors up to this many entries are written out in text (`[[0.1, 2], …]`); larger ones by shape. */
export const MAX_WRITTEN_ENTRIES = 16;

/** Above this many nodes, repeated blocks start folded so the whole graph fits on screen. */
export const FOLD_ABOVE_NODES = 40;
