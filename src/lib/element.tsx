import { createRoot, type Root } from 'react-dom/client';
import { parseControls, parseHeight, parseOptions, parseStep } from './attributes';
import { Embed } from './GradflowExplorer';
import type { GraphRef } from './source';
import { installShadowStyles } from './styles';

/** The custom element's tag. */
export const TAG = 'gradflow-graph';

/** Detail of the `stepchange` event the element fires. */
export interface StepChangeDetail {
  step: number;
  total: number;
}

/** What `<gradflow-graph>` adds to HTMLElement. */
export interface GradflowGraphElement extends HTMLElement {
  /** The step shown now; setting it moves the explorer (as the `step` attribute does). */
  step: number;
  /** Steps in the graph's trace (0 until it has loaded). */
  readonly total: number;
}

/** Child elements whose text is the graph, written in the page: `<script type="text/gradflow">{…}</script>`. */
export const INLINE_TYPES = ['text/gradflow', 'application/json'] as const;
const INLINE_SELECTOR = INLINE_TYPES.map((t) => `script[type="${t}"]`).join(', ');

/** The element's graph reference, from its attributes and inline graph text. */
export function refOf(el: Element): GraphRef {
  const src = el.getAttribute('src')?.trim();
  const inline = el.querySelector(INLINE_SELECTOR);
  const options = parseOptions(el.getAttribute('options'));
  if (src) return { src, options };
  if (inline) return { text: inline.textContent ?? '', options };
  return { graph: el.getAttribute('graph') ?? undefined, options };
}

/**
 * `<gradflow-graph graph="ex06-attention-backward" step="8" controls="steps" height="480">`: the
 * explorer as an HTML element, for pages that are not React (Quarto, Jupyter Book, MkDocs).
 * Attributes: graph (an exercise id), src (a graph file on this site), step, options, controls
 * (full | steps | none), height, compare (pane B's options, `activation=relu, init=he`) and
 * compare-view (`ratio`), track and stop (a lecture track to play, from 1); or the graph itself inside the element, in a
 * `<script type="text/gradflow">`. Setting `step` moves it; it fires `stepchange` ({step, total}).
 * It renders into its own shadow root: the page's CSS does not reach in, its CSS does not reach out.
 * The class is made on first use: importing this module needs no DOM (server rendering).
 */
function makeElementClass(): CustomElementConstructor {
  return class extends HTMLElement implements GradflowGraphElement {
    static readonly observedAttributes = [
      'graph',
      'src',
      'step',
      'options',
      'controls',
      'height',
      'compare',
      'compare-view',
      'track',
      'stop',
    ];
    private root: Root | null = null;
    private inline: MutationObserver | null = null;
    private current = { step: 0, total: 0 };

    get step(): number {
      return this.current.step;
    }
    set step(v: number) {
      this.setAttribute('step', String(v));
    }
    get total(): number {
      return this.current.total;
    }

    connectedCallback(): void {
      if (!this.root) {
        const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
        installShadowStyles(shadow);
        const mount = document.createElement('div');
        mount.className = 'gf-shadow-mount';
        shadow.replaceChildren(mount);
        this.root = createRoot(mount);
      }
      // Inline graph text may be parsed after the element is connected, or edited later.
      this.inline ??= new MutationObserver(() => this.render());
      this.inline.observe(this, { childList: true, subtree: true, characterData: true });
      this.render();
    }

    disconnectedCallback(): void {
      this.inline?.disconnect();
      this.inline = null;
      // Moved, not removed, when it is back in the document by the next microtask.
      queueMicrotask(() => {
        if (this.isConnected || !this.root) return;
        this.root.unmount();
        this.root = null;
      });
    }

    attributeChangedCallback(): void {
      if (this.root) this.render();
    }

    private render(): void {
      if (!this.root) return;
      this.root.render(
        <Embed
          source={refOf(this)}
          step={parseStep(this.getAttribute('step'))}
          track={parseStep(this.getAttribute('track'))}
          stop={parseStep(this.getAttribute('stop'))}
          controls={parseControls(this.getAttribute('controls'))}
          height={parseHeight(this.getAttribute('height'))}
          compare={this.getAttribute('compare') ?? undefined}
          compareView={this.getAttribute('compare-view') === 'ratio' ? 'ratio' : undefined}
          onStepChange={(step, total) => {
            this.current = { step, total };
            this.dispatchEvent(new CustomEvent<StepChangeDetail>('stepchange', { detail: { step, total }, bubbles: true, composed: true }));
          }}
        />,
      );
    }
  };
}

/** Registers `<gradflow-graph>` (once; a second script on the page is harmless). */
export function defineGradflowElement(registry: CustomElementRegistry = customElements): void {
  if (!registry.get(TAG)) registry.define(TAG, makeElementClass());
}
