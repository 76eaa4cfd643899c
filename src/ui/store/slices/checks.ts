import type { Problem } from '../../../core/errors';
import type { GradcheckReport } from '../../compute/protocol';
import type { Slice } from './deps';

export interface GradcheckState {
  status: 'idle' | 'running' | 'done' | 'error';
  report?: GradcheckReport;
  problems?: Problem[];
}

/** The gradient check of the run on screen (reset whenever the run changes). */
export interface ChecksSlice {
  gradcheck: GradcheckState;
  checkGradients(): Promise<void>;
}

export const createChecksSlice: Slice<ChecksSlice> =
  ({ client, runner }) =>
  (set, get) => ({
    gradcheck: { status: 'idle' },

    async checkGradients() {
      const c = runner.current();
      if (!c) return;
      set({ gradcheck: { status: 'running' } });
      const runAt = get().run;
      const out = await client.gradcheck(runner.request(c));
      // a report of a run no longer on screen is not this run's
      if (get().run !== runAt) return;
      set({ gradcheck: out.ok ? { status: 'done', report: out.value } : { status: 'error', problems: out.problems } });
    },
  });
