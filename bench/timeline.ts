// Timeline lookups: the explorer's per-cursor view (a binary search per element, built once per
// trace) against the obvious alternative, replaying the trace up to the cursor on every lookup.
// Both sides run interleaved in one process on the same traces. A benchmark, not a test:
//   npx tsx bench/timeline.ts [--json] [--reps 5]
import { edgeId, type Step, type Trace } from '../src/engine/trace';
import { buildTimeline } from '../src/ui/trace/timeline';

const args = process.argv.slice(2);
const json = args.includes('--json');
const reps = Number(args[args.indexOf('--reps') + 1]) || 5;
const LOOKUPS = 20_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** A chain n0 → n1 → … of `n` nodes: n − 1 forward steps. */
function chain(n: number) {
  const ids = Array.from({ length: n }, (_, i) => `n${i}`);
  const steps: Step[] = ids.slice(1).map((id, i) => ({
    index: i,
    phase: 'forward',
    node: id,
    op: 'neg',
    value: { shape: [], data: Float32Array.of(i) },
    edges: [edgeId(ids[i] as string, id, 0)],
    commentary: '',
  }));
  const trace: Trace = {
    objective: 'o',
    objectiveNode: ids[n - 1] as string,
    seed: 0,
    checkpointEvery: 0,
    steps,
    values: new Map([['n0', { shape: [], data: Float32Array.of(0) }]]),
    grads: new Map(),
    shapes: new Map(),
    stats: { peakLiveActivations: 0, forwardEvaluations: n - 1 },
    faults: [],
  };
  return { ids, trace, graph: { nodes: ids.map((id, i) => ({ id, inputs: i ? [ids[i - 1] as string] : [] })) } };
}

/** The baseline: the node's value at a cursor by replaying steps 0…cursor−1. */
const replayValue = (steps: readonly Step[], id: string, cursor: number) => {
  let v = null;
  for (let i = 0; i < cursor; i++) if (steps[i]?.node === id && steps[i]?.value) v = steps[i]?.value ?? null;
  return v;
};

const out: Record<string, { timeline_us: number; replay_us: number; replay_over_timeline: number; build_ms: number }> = {};
let sink = 0;
for (const n of [100, 500, 2000]) {
  const { ids, trace, graph } = chain(n);
  const t0 = performance.now();
  const tl = buildTimeline(trace, graph);
  const build = performance.now() - t0;
  const tTl: number[] = [];
  const tRe: number[] = [];
  for (let r = 0; r < reps; r++) {
    let s = performance.now();
    for (let k = 0; k < LOOKUPS; k++) if (tl.nodeAt(ids[k % n] as string, (k * 7) % n).value) sink++;
    tTl.push(((performance.now() - s) / LOOKUPS) * 1000);
    s = performance.now();
    for (let k = 0; k < LOOKUPS / 10; k++) if (replayValue(trace.steps, ids[k % n] as string, (k * 7) % n)) sink++;
    tRe.push(((performance.now() - s) / (LOOKUPS / 10)) * 1000);
  }
  out[`chain_${n}`] = {
    timeline_us: Number(median(tTl).toFixed(3)),
    replay_us: Number(median(tRe).toFixed(3)),
    replay_over_timeline: Number((median(tRe) / median(tTl)).toFixed(1)),
    build_ms: Number(build.toFixed(2)),
  };
}

if (json) console.log(JSON.stringify({ timeline_lookup: out, reps, lookups: LOOKUPS, sink }));
else
  for (const [k, v] of Object.entries(out))
    console.log(
      `${k.padEnd(11)} lookup ${v.timeline_us} µs (replay ${v.replay_us} µs, ×${v.replay_over_timeline}); built in ${v.build_ms} ms`,
    );
