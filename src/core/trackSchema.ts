import { z } from 'zod';
import { MAX_ID, MAX_OPTION_STRING, MAX_TEXT } from './limits';
import { MAX_FRAME, MAX_PAUSE, MAX_STOPS } from './track';

/** The zod schema of lecture tracks (src/core/track.ts): what a graph file's `tracks` may hold. */

const nodeId = z.string().min(1).max(MAX_ID);
const edgeRef = z.strictObject({ from: nodeId, to: nodeId });
const optionValue = z.union([z.string().max(MAX_OPTION_STRING), z.number().finite(), z.boolean()]);

/** The moment of a stop: before anything (`start`), after everything (`end`), or a node's forward/backward step. */
export const stopAtSchema = z.union([
  z.strictObject({ phase: z.enum(['start', 'end']) }),
  z.strictObject({ phase: z.enum(['forward', 'backward']), node: nodeId }),
]);

/** What a callout or a frame points at: a node by id, or the edge from one node into another. */
export const anchorSchema = z.union([z.strictObject({ node: nodeId }), z.strictObject({ edge: edgeRef })]);

export const stopSchema = z.strictObject({
  /** Chapter title (scrubber mark, list of stops). */
  title: z.string().max(200).optional(),
  at: stopAtSchema,
  /** Nodes and edges the camera frames with the stop's node. */
  frame: z.array(anchorSchema).max(MAX_FRAME).optional(),
  /** Text shown on the canvas by `anchor` (default: the stop's node). */
  callout: z.string().max(MAX_TEXT).optional(),
  anchor: anchorSchema.optional(),
  /** Options switched on arriving here; they hold for the later stops until switched again. */
  set: z.record(z.string().min(1).max(MAX_ID), optionValue).optional(),
  /** Seconds the stop holds when the track plays by itself. */
  pause: z.number().min(0).max(MAX_PAUSE).optional(),
});

export const trackSchema = z.strictObject({
  title: z.string().max(200).optional(),
  stops: z.array(stopSchema).min(1).max(MAX_STOPS),
});

export type StopAt = z.infer<typeof stopAtSchema>;
export type Anchor = z.infer<typeof anchorSchema>;
export type StopSpec = z.infer<typeof stopSchema>;
export type TrackSpec = z.infer<typeof trackSchema>;
