/**
 * The smallest graph with an option a track can switch: y = σ(w·x), or relu(w·x) at `act = relu`.
 * Shared by the track schema tests and the e2e tests that play or record a track across it.
 */
export const ACT_SWITCH = {
  nodes: [
    { id: 'x', op: 'leaf', value: 2 },
    { id: 'w', op: 'leaf', value: 3, role: 'param' },
    { id: 'h', op: 'mul', inputs: ['w', 'x'] },
    { id: 'y', op: 'sigmoid', inputs: ['h'], by: { option: 'act', cases: { relu: { op: 'relu', inputs: ['h'] } } } },
  ],
  objectives: [{ name: 'y', node: 'y' }],
  options: [{ name: 'act', values: ['sigmoid', 'relu'], default: 'sigmoid' }],
};
