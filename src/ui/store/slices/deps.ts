import type { StateCreator } from 'zustand/vanilla';
import type { ComputeClient } from '../../compute/client';
import type { Runner } from '../commit';
import type { ExplorerInit, ExplorerState } from '../types';

/** What every slice may use besides set/get: the compute client, the opening request, the runner. */
export interface SliceDeps {
  client: ComputeClient;
  init: ExplorerInit;
  runner: Runner;
}

/** A slice: its part of the state and its actions, over the whole explorer state. */
export type Slice<T> = (deps: SliceDeps) => StateCreator<ExplorerState, [], [], T>;
