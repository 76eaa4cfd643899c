import { type KeyboardEvent, memo, type RefObject, useMemo, useRef, useState } from 'react';
import { edgeId } from '../../engine/trace';
import { useExplorer, useExplorerStore } from '../store/context';
import { selectTimeline } from '../store/selectors';
import { headOf, type NavEntry, spokenTensor } from './narrate';

interface Item extends NavEntry {
  key: string;
}

/** Items rendered on each side of the focused one. */
const WINDOW = 40;

/**
 * One item. It reads its own node's or edge's view at the cursor (the timeline hands back the
 * same object while it is unchanged), so a step re-renders only the items the step changed,
 * not the whole list: a 2,000-node graph lists ~4,000 of them.
 */
const NavItem = memo(function NavItem({
  it,
  head,
  index,
  size,
  current,
  refs,
  onFocusAt,
}: {
  it: Item;
  head: string;
  index: number;
  size: number;
  current: boolean;
  refs: RefObject<(HTMLDivElement | null)[]>;
  onFocusAt: (i: number) => void;
}) {
  const store = useExplorerStore();
  const edge = useExplorer((s) => (it.from !== undefined ? (selectTimeline(s)?.edgeAt(it.key, s.cursor) ?? null) : null));
  const node = useExplorer((s) => (it.from === undefined ? (selectTimeline(s)?.nodeAt(it.node, s.cursor) ?? null) : null));
  let text = head;
  if (edge) {
    const carried =
      edge.phase === 'backward' && edge.grad
        ? `carries gradient ${spokenTensor(edge.grad)}`
        : edge.phase === 'forward'
          ? 'value passed'
          : 'idle';
    text = `${head}: ${carried}`;
  } else if (node) {
    const value = node.value ? `value ${spokenTensor(node.value)}` : 'no value yet';
    const grad = node.grad ? `gradient ${spokenTensor(node.grad)}${node.gradState === 'partial' ? ' so far' : ''}` : 'no gradient yet';
    text = `${head}: ${value}; ${grad}`;
  }
  return (
    <div
      ref={(el) => {
        refs.current[index] = el;
      }}
      role="option"
      aria-posinset={index + 1}
      aria-setsize={size}
      aria-selected={current}
      tabIndex={current ? 0 : -1}
      data-testid="a11y-item"
      onFocus={() => {
        onFocusAt(index);
        store.getState().setHighlight(it.from !== undefined ? [it.from, it.node] : [it.node]);
      }}
      onBlur={() => store.getState().setHighlight(null)}
    >
      {text}
    </div>
  );
});

/**
 * Every node in topological order, each followed by the edges coming into it: a list a keyboard
 * reaches with Tab, walks with ↑ ↓ (Home/End and ← → still step the explorer), and Enter opens the
 * focused node in the inspector. The focused node lights up on the canvas (the visible focus);
 * each item reads the node's op, value and gradient at the current step. A big graph's list is
 * windowed around the focused item.
 */
export function NodeNavigator() {
  const store = useExplorerStore();
  const graph = useExplorer((s) => s.run?.graph ?? null);
  const objectiveNode = useExplorer((s) => s.run?.trace.objectiveNode);
  const hasTimeline = useExplorer((s) => selectTimeline(s) !== null);
  const [at, setAt] = useState(0);
  const refs = useRef<(HTMLDivElement | null)[]>([]);

  const items = useMemo<{ it: Item; head: string }[]>(() => {
    if (!graph) return [];
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    const out: { it: Item; head: string }[] = [];
    const add = (it: Item) => out.push({ it, head: headOf(it, byId, objectiveNode) });
    for (const n of graph.nodes) {
      add({ key: n.id, node: n.id });
      n.inputs.forEach((src, slot) => {
        add({ key: edgeId(src, n.id, slot), node: n.id, from: src });
      });
    }
    return out;
  }, [graph, objectiveNode]);
  if (!graph || !hasTimeline || items.length === 0) return null;

  const current = Math.min(at, items.length - 1);
  // Only a window around the focused item is in the DOM (each says where it sits in the whole
  // list): thousands of hidden items would cost every step a layout of all of them.
  const from = Math.max(0, current - WINDOW);
  const to = Math.min(items.length, current + WINDOW + 1);
  const focus = (i: number) => {
    const j = Math.max(0, Math.min(items.length - 1, i));
    setAt(j);
    refs.current[j]?.focus();
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'ArrowDown') focus(current + 1);
    else if (e.key === 'ArrowUp') focus(current - 1);
    else if (e.key === 'Enter') {
      const it = items[current]?.it;
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
      {items.slice(from, to).map(({ it, head }, k) => (
        <NavItem
          key={it.key}
          it={it}
          head={head}
          index={from + k}
          size={items.length}
          current={from + k === current}
          refs={refs}
          onFocusAt={setAt}
        />
      ))}
    </div>
  );
}
