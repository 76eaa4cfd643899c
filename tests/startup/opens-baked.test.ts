import { describe, expect, test } from 'vitest';
import BAKED from '../../src/ui/canvas/bakedExercises.json';
import { opensBaked } from '../../src/ui/canvas/bakedFirst';
import { parseUrl } from '../../src/ui/store/url';

/** Whether the page may leave elkjs until its first graph is drawn (src/ui/main.tsx). */
describe('opensBaked', () => {
  test.each([
    ['', true],
    ['?step=4&present=1&theme=dark', true],
    ['?graph=ex07-lora-gradients&seed=3', true],
    ['?graph=ex04-vanishing-gradients', false],
    ['?graph=no-such-graph', false],
    ['?opt.adapter=full&graph=ex07-lora-gradients', false],
    ['?objective=L2', false],
    ['?fold=lora', false],
    ['?unfold=layer3', false],
    ['?src=/graphs/mine.json', false],
  ])('%s → %s', (query, want) => {
    expect(opensBaked(parseUrl(query), false)).toBe(want);
  });

  test('a graph carried in the link (#gf=…) is never baked', () => {
    expect(opensBaked(parseUrl(''), true)).toBe(false);
  });

  test('its list is the baked table’s exercises (ex04 depends on the screen, so is not in it)', () => {
    expect(BAKED).toContain('ex01-scalar-chain-rule');
    expect(BAKED).not.toContain('ex04-vanishing-gradients');
  });
});
