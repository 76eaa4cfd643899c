/**
 * Graphs for the hardening tests (component tests and e2e share them): hostile text in every
 * text field a graph file has, and two graphs whose runs produce NaN / Inf.
 */

/** The global each payload would set if the page ever ran it. */
export const FLAG = '__pwned';

/** Markup, script URLs, KaTeX links and bidi controls; each would set window.__pwned if run. */
export const PAYLOADS = [
  `<script>window.${FLAG}='script'</script>`,
  `<img src=x onerror="window.${FLAG}='img'">`,
  `<svg onload="window.${FLAG}='svg'"></svg>`,
  `<a href="javascript:window.${FLAG}='a'">link</a>`,
  `<iframe src="javascript:window.${FLAG}='iframe'"></iframe>`,
  `\\href{javascript:window.${FLAG}='href'}{click}`,
  `\\url{javascript:window.${FLAG}='url'}`,
  `$\\href{javascript:alert(1)}{x}$`,
  '\u202Egnp.exe\u202C \u2067isolated\u2069',
] as const;

/** `where: <payloads…>` — the place is part of the text, so a test can find each one. */
export const hostile = (where: string): string => `${where}: ${PAYLOADS.join(' ')}`;

/** What the page must show for `hostile(where)`: the same text, bidi controls as visible markers. */
export const shownAs = (where: string): string =>
  hostile(where).replace('\u202E', '[U+202E]').replace('\u202C', '[U+202C]').replace('\u2067', '[U+2067]').replace('\u2069', '[U+2069]');

/**
 * x = 2 (param); y = x² = 4; L = 3y = 12; M = Σy = 4. ∂L/∂x = 3·2x = 12, ∂M/∂x = 2x = 4.
 * Every text field a GraphSpec has carries the payloads: title, labels, notes, commentary,
 * group label, objective labels, option label (option values carry markup too).
 */
export const HOSTILE_GRAPH = {
  id: 'hostile',
  title: hostile('title'),
  nodes: [
    { id: 'x', op: 'leaf', value: 2, role: 'param', label: hostile('label x'), note: hostile('note x'), group: 'g' },
    {
      id: 'y',
      op: 'square',
      inputs: ['x'],
      label: hostile('label y'),
      note: hostile('note y'),
      group: 'g',
      commentary: { forward: hostile('forward y'), backward: hostile('backward y') },
    },
    {
      id: 'L',
      op: 'scale',
      inputs: ['y'],
      attrs: { by: 3 },
      label: hostile('label L'),
      commentary: { forward: hostile('forward L'), backward: hostile('backward L') },
    },
    { id: 'M', op: 'sum', inputs: ['y'], label: hostile('label M') },
  ],
  objectives: [
    { name: 'L', node: 'L', label: hostile('objective L') },
    { name: 'M', node: 'M', label: hostile('objective M') },
  ],
  options: [
    {
      name: 'mode',
      label: hostile('option'),
      values: ['<b>plain</b>', `<img src=x onerror="window.${FLAG}='opt'">`],
      default: '<b>plain</b>',
    },
  ],
  groups: [{ id: 'g', label: hostile('group'), kind: 'block' }],
  notes: [hostile('graph note')],
};

/**
 * log of a negative: x = −1, w = 2; lx = log x = NaN (forward step 1, the first fault);
 * L = w·lx = NaN (step 2); backward L sends ∂L/∂w = lx = NaN (step 4). lx's own backward
 * sends w/x = −2 to x: finite.
 */
export const FORWARD_NAN_GRAPH = {
  title: 'log of a negative number',
  nodes: [
    { id: 'x', op: 'leaf', value: -1, role: 'param' },
    { id: 'w', op: 'leaf', value: 2, role: 'param' },
    { id: 'lx', op: 'log', inputs: ['x'] },
    { id: 'L', op: 'mul', inputs: ['w', 'lx'] },
  ],
  objectives: [{ name: 'L', node: 'L' }],
};

/**
 * √x at 0: x = 0, w = 2; r = x^0.5 = 0 and L = w·r = 0 are finite, but backward r sends
 * ∂L/∂x = w·0.5·x^(−0.5) = +∞ (step 5 of 5: the only fault, in the backward pass).
 */
export const BACKWARD_INF_GRAPH = {
  title: 'square root at zero',
  nodes: [
    { id: 'x', op: 'leaf', value: 0, role: 'param' },
    { id: 'w', op: 'leaf', value: 2, role: 'param' },
    { id: 'r', op: 'pow', inputs: ['x'], attrs: { p: 0.5 } },
    { id: 'L', op: 'mul', inputs: ['w', 'r'] },
  ],
  objectives: [{ name: 'L', node: 'L' }],
};
