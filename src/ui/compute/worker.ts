import type { ComputeMessage, ComputeReply } from './protocol';

/** The compute worker: loads the engine (and tfjs) on first use, answers one call per message. */
const engine = import('./engine');

self.onmessage = async (e: MessageEvent<ComputeMessage>) => {
  const { id, call } = e.data;
  let reply: ComputeReply;
  try {
    reply = { id, outcome: await (await engine).handle(call) };
  } catch (err) {
    reply = { id, outcome: { ok: false, problems: [{ field: 'engine', message: err instanceof Error ? err.message : String(err) }] } };
  }
  (self as unknown as Worker).postMessage(reply);
};
