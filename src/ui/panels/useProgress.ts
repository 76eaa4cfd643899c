import { useCallback, useEffect, useRef, useState } from 'react';
import { useReducedMotion } from '../common/useReducedMotion';

export interface ProgressControl {
  /** 0 … 1. */
  progress: number;
  running: boolean;
  /** Restart from 0; jumps straight to 1 under prefers-reduced-motion. */
  start: () => void;
}

/** A requestAnimationFrame clock from 0 to 1 over `durationMs`, for replaying precomputed results. */
export function useProgress(durationMs: number, initial = 0): ProgressControl {
  const reduced = useReducedMotion();
  const [progress, setProgress] = useState(initial);
  const [running, setRunning] = useState(false);
  const frame = useRef<number | null>(null);

  const stop = useCallback(() => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
  }, []);
  useEffect(() => stop, [stop]);

  const start = useCallback(() => {
    stop();
    if (reduced || durationMs <= 0) {
      setProgress(1);
      setRunning(false);
      return;
    }
    const t0 = performance.now();
    setProgress(0);
    setRunning(true);
    const tick = (now: number) => {
      const p = Math.min(1, (now - t0) / durationMs);
      setProgress(p);
      if (p < 1) frame.current = requestAnimationFrame(tick);
      else {
        frame.current = null;
        setRunning(false);
      }
    };
    frame.current = requestAnimationFrame(tick);
  }, [durationMs, reduced, stop]);

  return { progress, running, start };
}
