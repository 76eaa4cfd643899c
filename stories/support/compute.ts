import { type ComputeClient, createComputeClient } from '../../src/ui/compute/client';

let shared: ComputeClient | null = null;

/**
 * One compute client (one worker, tfjs loaded once) for every story. It keeps no state between
 * calls (each run is a pure request), so sharing it leaks nothing from one story to the next.
 */
export const storyCompute = (): ComputeClient => {
  shared ??= createComputeClient();
  return shared;
};
