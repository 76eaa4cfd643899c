import { describe, expect, it } from 'vitest';
import { parseCompareLink, parseCompareList, withCompare } from '../../src/ui/compare/link';

describe('compare deep link', () => {
  it('reads the issue’s form and several options', () => {
    expect(parseCompareLink('?graph=ex04-vanishing-gradients&compare=opt.activation=relu')).toEqual({
      options: { activation: 'relu' },
      view: 'panes',
    });
    expect(parseCompareLink('?compare=opt.activation=relu,opt.init=he&compareView=ratio')).toEqual({
      options: { activation: 'relu', init: 'he' },
      view: 'ratio',
    });
    expect(parseCompareLink('?compare=')).toEqual({ options: {}, view: 'panes' });
    expect(parseCompareLink('?graph=x')).toBeNull();
  });

  it('the attribute form without `opt.`, spaces and nameless items', () => {
    expect(parseCompareList('activation=relu, init=he')).toEqual({ activation: 'relu', init: 'he' });
    expect(parseCompareList('=x,,opt.=y,residual=true')).toEqual({ residual: 'true' });
  });

  it('writes a readable link that reads back the same, commas in values included', () => {
    const s = withCompare('?graph=ex04-vanishing-gradients&step=3', { options: { activation: 'relu', init: 'he' }, view: 'panes' });
    expect(s).toBe('?graph=ex04-vanishing-gradients&step=3&compare=opt.activation=relu,opt.init=he');
    const odd = { label: 'a,b%c d', k: 3 };
    const back = parseCompareLink(withCompare('?graph=g', { options: odd, view: 'ratio' }));
    expect(back).toEqual({ options: { label: 'a,b%c d', k: '3' }, view: 'ratio' });
    expect(withCompare('?graph=g&compare=opt.a=1&compareView=ratio', { options: null, view: 'ratio' })).toBe('?graph=g');
  });
});
