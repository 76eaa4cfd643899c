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
