/**
 * What `@tensorflow/tfjs` resolves to in the app and library builds (an alias in vite.config.ts
 * and vite.lib.config.ts): tfjs-core with its gradients and chained ops, and the `cpu` backend
 * (the wasm backend is imported on its own, src/ui/compute/backend.ts). The engine uses nothing
 * else — no layers, converter, data or webgl — which are most of the full package: the compute
 * chunk is ~2.5 MB with them, and parsing it is on the first graph's path.
 * The CLI and the tests import the full package, which re-exports exactly this.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';

export * from '@tensorflow/tfjs-backend-cpu';
export * from '@tensorflow/tfjs-core';
