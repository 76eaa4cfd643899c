import { useExplorer } from '../store/context';
import { selectTimeline } from '../store/selectors';
import { narrateStep } from './narrate';

/**
 * The step just done, in words, in a polite live region: a screen reader hears every step as the
 * learner moves (keys, buttons, playback). Visually hidden; the step bar shows the same.
 */
export function Announcer() {
  const text = useExplorer((s) => {
    const timeline = selectTimeline(s);
    if (!s.run || !timeline) return '';
    const step = timeline.stepAt(s.cursor);
    const total = timeline.length;
    if (!step) return `start: nothing computed yet, ${total} steps. Press the right arrow to step forward.`;
    const objective = s.run.graph.nodes.find((n) => n.id === s.run?.trace.objective)?.label ?? s.run.trace.objective;
    return narrateStep(step, total, s.run.graph, objective);
  });
  return (
    <p className="gf-visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {text}
    </p>
  );
}
