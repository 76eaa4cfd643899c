import type { ComputeMessage, ComputeReply } from './protocol';

/** The compute worker: loads the engine (and tfjs) on first use, answers one call per message. */
const engine = import('./engine');
// The tfjs backend (wasm fetch + compile) starts as soon as the engine has loaded, not with the first run.
void engine.then((e) => e.warmUp()).catch(() => {});

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
