import '@xyflow/react/dist/style.css';
import { afterEach, describe, expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import type { ComputeClient } from '../../../src/ui/compute/client';
import { createInlineClient } from '../../../src/ui/compute/client';
import { inertLesson } from '../../../src/ui/compute/inert';
import { Explorer } from '../../../src/ui/Explorer';
import { createExplorerStore } from '../../../src/ui/store';
import { FLAG, HOSTILE_GRAPH, hostile, shownAs } from './graphs';

const flag = () => (window as unknown as Record<string, unknown>)[FLAG];
const text = (sel: string, root: ParentNode = document) => root.querySelector(sel)?.textContent ?? null;

/**
 * The real engine (main thread), with lesson blocks and checks carrying the payloads added to
 * its answer and cleaned as runRequest cleans every lesson (inertLesson). Exercises write those
 * texts, not graph files, but the panels must be inert all the same.
 */
function hostileLessonClient(): ComputeClient {
  const inner = createInlineClient();
  const lesson = inertLesson({
    checks: [{ name: hostile('check'), pass: false, got: hostile('got'), expected: 1 }],
    blocks: {
      series: [
        {
          title: hostile('series'),
          xLabel: hostile('x axis'),
          yLabel: hostile('y axis'),
          x: [0, 1],
          lines: [{ label: hostile('line'), y: [1, 2], method: 'engine' }],
        },
      ],
      tables: [{ title: hostile('table'), columns: [hostile('column'), 'n'], rows: [[hostile('cell'), 1]] }],
      training: { lr: 0.1, steps: 2, runs: [{ label: hostile('run'), losses: [1, 0.5] }] },
    },
  });
  return {
    ...inner,
    async run(req) {
      const out = await inner.run(req);
      return out.ok ? { ok: true, value: { ...out.value, ...lesson } } : out;
    },
  };
}

/** Every way text could have become live markup or a live link, among `elements`. */
function liveIn(elements: Iterable<Element>): string[] {
  const found: string[] = [];
  for (const el of elements) {
    const tag = el.tagName.toLowerCase();
    if (['script', 'img', 'iframe', 'object', 'embed'].includes(tag)) found.push(`<${tag}>`);
    for (const a of el.attributes) {
      if (a.name.toLowerCase().startsWith('on')) found.push(`${tag}[${a.name}]`);
      if (/^\s*javascript:/i.test(a.value)) found.push(`${tag}[${a.name}=${a.value}]`);
    }
  }
  return found;
}

const liveMarkup = (root: ParentNode): string[] => liveIn(root.querySelectorAll('*'));

/**
 * Every element the page gets from now on (added, or with an attribute changed), kept even once
 * React removes it again: a payload could only run from one of them, so none being live means
 * none ran — no waiting for a handler that might fire later.
 */
function recordElements(root: Node): { stop(): Element[] } {
  const seen = new Set<Element>();
  const add = (n: Node) => {
    if (!(n instanceof Element)) return;
    seen.add(n);
    for (const e of n.querySelectorAll('*')) seen.add(e);
  };
  const take = (ms: MutationRecord[]) => {
    for (const m of ms) {
      if (m.type === 'attributes') add(m.target);
      m.addedNodes.forEach(add);
    }
  };
  const mo = new MutationObserver(take);
  mo.observe(root, { subtree: true, childList: true, attributes: true });
  return {
    stop() {
      take(mo.takeRecords());
      mo.disconnect();
      return [...seen];
    },
  };
}

afterEach(() => {
  delete (window as unknown as Record<string, unknown>)[FLAG];
});

describe('hostile graph text renders as inert text', () => {
  test('the detector works: the same payloads as markup do run', async () => {
    const probe = document.createElement('div');
    probe.innerHTML = hostile('control');
    document.body.append(probe);
    await expect.poll(flag, { timeout: 15_000 }).toBe('img');
    expect(liveMarkup(probe).length).toBeGreaterThan(3);
    probe.remove();
  });

  test('canvas, toolbar, step bar, inspector, notes, checks and lesson panels show the text; nothing runs', async () => {
    const store = createExplorerStore(hostileLessonClient());
    await store.getState().init();
    expect(await store.getState().loadSpec(HOSTILE_GRAPH)).toBe(true);
    const recording = recordElements(document.body);
    const screen = await render(<Explorer store={store} />);
    const root = screen.container;
    await expect.poll(() => root.querySelector('[data-testid=node-y]'), { timeout: 15_000 }).not.toBeNull();

    // canvas: node labels and the group frame
    for (const id of ['x', 'y', 'L', 'M']) expect(text(`[data-testid=node-${id}] .gf-node__label`, root), id).toBe(shownAs(`label ${id}`));
    expect(text('[data-testid=group-g] .gf-frame__label', root)).toBe(shownAs('group'));
    // toolbar: title, option label and values, objective labels
    expect(text('[data-testid=graph-title]', root)).toBe(shownAs('title'));
    const optionLabel = [...root.querySelectorAll('.gf-toolbar label.gf-option')].find((l) => l.textContent?.startsWith('option:'));
    expect(optionLabel?.firstChild?.textContent).toBe(shownAs('option'));
    expect([...(optionLabel?.querySelectorAll('option') ?? [])].map((o) => o.textContent)).toEqual(HOSTILE_GRAPH.options[0]?.values);
    const objectives = root.querySelector('select[aria-label=objective]') as HTMLSelectElement;
    expect([...objectives.options].map((o) => o.textContent)).toEqual([shownAs('objective L'), shownAs('objective M')]);
    // overview: title, notes, the checks
    expect(text('[data-testid=graph-overview] h2', root)).toBe(shownAs('title'));
    expect(text('[data-testid=graph-notes] li', root)).toBe(shownAs('graph note'));
    expect(text('[data-testid=checks] li', root)).toContain(shownAs('check'));

    // step bar: each step's commentary (forward y, forward L, forward M, seed, backward L, backward y)
    const commentary = () => text('[data-testid=commentary]', root) ?? '';
    store.getState().seek(1);
    await expect.poll(commentary).toBe(`forward${shownAs('forward y')}`);
    store.getState().seek(5);
    await expect.poll(commentary).toBe(`backward${shownAs('backward L')}`);
    store.getState().seek(6);
    await expect.poll(commentary).toBe(`backward${shownAs('backward y')}`);
    // ∂L/∂x = 3·2x = 12 reached x: the graph really ran
    expect(store.getState().run?.trace.grads.get('x')?.data[0]).toBe(12);

    // inspector: the selected node's label and note
    store.getState().select('y');
    await expect.poll(() => text('[data-testid=inspector-title]', root)).toBe(shownAs('label y'));
    expect(text('[data-testid=node-inspector] .gf-note', root)).toBe(shownAs('note y'));

    // lesson panels: series, training and table text
    const panels = root.querySelector('[data-testid=lesson-slot]') as HTMLElement;
    expect(panels.textContent).toContain(shownAs('series'));
    expect(panels.textContent).toContain(shownAs('line'));
    expect(panels.textContent).toContain(shownAs('run'));
    expect(text('table', panels)).toContain(shownAs('cell'));

    // error panel: a problem quoting the payloads
    store.setState({ problems: [{ node: 'x', field: hostile('field'), message: hostile('message') }], problemSource: 'file' });
    await expect.poll(() => text('[data-testid=error-panel] li', root)).toBe(`node “x”, field ${shownAs('field')}: ${shownAs('message')}`);

    // no element, attribute or URL came from the text; no payload ran; no raw bidi control is on screen
    expect(liveMarkup(root)).toEqual([]);
    expect(root.textContent).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(root.textContent).toContain('[U+202E]gnp.exe[U+202C]');
    // nor was any element the page had at any moment of the test (React may have removed it since)
    const ever = recording.stop();
    expect(ever.length).toBeGreaterThan(100);
    expect(liveIn(ever)).toEqual([]);
    expect(flag()).toBeUndefined();
  });
});
