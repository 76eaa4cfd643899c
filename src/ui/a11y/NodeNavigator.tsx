import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { edgeId } from '../../engine/trace';
import { useExplorer, useExplorerStore } from '../store/context';
import { selectTimeline } from '../store/selectors';
import { spokenTensor } from './narrate';

interface Item {
  key: string;
  node: string;
  /** The edge's source for an edge item (edges are listed after the node they enter). */
  from?: string;
}

/**
 * Every node in topological order, each followed by the edges coming into it: a list a keyboard
 * reaches with Tab, walks with ↑ ↓ (Home/End and ← → still step the explorer), and Enter opens the
 * focused node in the inspector. The focused node lights up on the canvas (the visible focus);
 * each item reads the node's op, value and gradient at the current step.
 */
export function NodeNavigator() {
  const store = useExplorerStore();
  const graph = useExplorer((s) => s.run?.graph ?? null);
  const cursor = useExplorer((s) => s.cursor);
  const timeline = useExplorer(selectTimeline);
  const [at, setAt] = useState(0);
  const refs = useRef<(HTMLDivElement | null)[]>([]);

  const items = useMemo<Item[]>(() => {
    if (!graph) return [];
    const out: Item[] = [];
    for (const n of graph.nodes) {
      out.push({ key: n.id, node: n.id });
      n.inputs.forEach((src, slot) => {
        out.push({ key: edgeId(src, n.id, slot), node: n.id, from: src });
      });
    }
    return out;
  }, [graph]);
  if (!graph || !timeline || items.length === 0) return null;

  const label = (id: string) => graph.nodes.find((n) => n.id === id)?.label ?? id;
  const describe = (it: Item): string => {
    if (it.from !== undefined) {
      const e = timeline.edgeAt(it.key, cursor);
      const carried =
        e.phase === 'backward' && e.grad ? `carries gradient ${spokenTensor(e.grad)}` : e.phase === 'forward' ? 'value passed' : 'idle';
      return `edge ${label(it.from)} to ${label(it.node)}: ${carried}`;
    }
    const n = graph.nodes.find((m) => m.id === it.node);
    const v = timeline.nodeAt(it.node, cursor);
    const value = v.value ? `value ${spokenTensor(v.value)}` : 'no value yet';
    const grad = v.grad ? `gradient ${spokenTensor(v.grad)}${v.gradState === 'partial' ? ' so far' : ''}` : 'no gradient yet';
    return `node ${label(it.node)}, ${n?.op === 'leaf' ? (n.role ?? 'leaf') : n?.op}: ${value}; ${grad}`;
  };

  const current = Math.min(at, items.length - 1);
  const focus = (i: number) => {
    const j = Math.max(0, Math.min(items.length - 1, i));
    setAt(j);
    refs.current[j]?.focus();
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'ArrowDown') focus(current + 1);
    else if (e.key === 'ArrowUp') focus(current - 1);
    else if (e.key === 'Enter') {
      const it = items[current];
      if (it) store.getState().select(it.node);
    } else return;
    e.preventDefault();
  };

  return (
    <div
      className="gf-visually-hidden"
      role="listbox"
      aria-label={`nodes and edges of ${graph.title}, in computation order`}
      onKeyDown={onKey}
    >
      {items.map((it, i) => (
        <div
          key={it.key}
          ref={(el) => {
            refs.current[i] = el;
          }}
          role="option"
          aria-selected={i === current}
          tabIndex={i === current ? 0 : -1}
          data-testid="a11y-item"
          onFocus={() => {
            setAt(i);
            store.getState().setHighlight(it.from !== undefined ? [it.from, it.node] : [it.node]);
          }}
          onBlur={() => store.getState().setHighlight(null)}
        >
          {describe(it)}
        </div>
      ))}
    </div>
  );
}
