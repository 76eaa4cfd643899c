import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export type BackendName = 'wasm' | 'cpu';

let ready: Promise<BackendName> | null = null;

/**
 * Picks the tfjs backend once: `wasm` (tens of µs per small op), else the pure-JS `cpu`.
 * Never `webgl`: on software rendering it costs milliseconds per tiny op (docs/TOOLCHAIN.md).
 */
export function initBackend(prefer: BackendName = 'wasm'): Promise<BackendName> {
  ready ??= (async () => {
    tf.enableProdMode();
    if (prefer === 'wasm') {
      setWasmPaths({
        'tfjs-backend-wasm.wasm': wasmUrl,
        'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
      });
      try {
        if (await tf.setBackend('wasm')) return 'wasm';
      } catch {
        // fall through to cpu
      }
    }
    await tf.setBackend('cpu');
    return 'cpu';
  })();
  return ready;
}

/** Switches to `cpu` for good (a kernel the wasm backend lacks). */
export async function fallBackToCpu(): Promise<BackendName> {
  await tf.setBackend('cpu');
  ready = Promise.resolve('cpu');
  return 'cpu';
}

export const currentBackend = (): string => tf.getBackend();

export const liveTensors = (): number => tf.memory().numTensors;
