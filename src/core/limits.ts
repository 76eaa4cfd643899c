/**
 * Limits on what gradflow reads, shared by the CLI and the explorer (no Node or DOM imports here).
 */

/** Largest graph or inputs file read, in bytes: a file on disk, a picked file, pasted text, a fetched URL. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
