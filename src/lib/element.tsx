import { createRoot, type Root } from 'react-dom/client';
import { parseControls, parseHeight, parseOptions, parseStep } from './attributes';
import { GradflowExplorer } from './GradflowExplorer';

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

/**
 * `<gradflow-graph graph="ex06-attention-backward" step="8" controls="steps" height="480">`: the
 * explorer as an HTML element, for pages that are not React (Quarto, Jupyter Book, MkDocs).
 * Attributes: graph (required), step, options, controls (full | steps | none), height.
 * Setting `step` moves it; it fires `stepchange` ({step, total}) as the learner steps.
 * The class is made on first use: importing this module needs no DOM (server rendering).
 */
function makeElementClass(): CustomElementConstructor {
  return class extends HTMLElement implements GradflowGraphElement {
    static readonly observedAttributes = ['graph', 'step', 'options', 'controls', 'height'];
    private root: Root | null = null;
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
      this.root ??= createRoot(this);
      this.render();
    }

    disconnectedCallback(): void {
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
      const graph = this.getAttribute('graph');
      if (!this.root) return;
      if (!graph) {
        this.root.render(<p>gradflow-graph: set the graph attribute to an exercise id.</p>);
        return;
      }
      this.root.render(
        <GradflowExplorer
          graph={graph}
          step={parseStep(this.getAttribute('step'))}
          options={parseOptions(this.getAttribute('options'))}
          controls={parseControls(this.getAttribute('controls'))}
          height={parseHeight(this.getAttribute('height'))}
          onStepChange={(step, total) => {
            this.current = { step, total };
            this.dispatchEvent(new CustomEvent<StepChangeDetail>('stepchange', { detail: { step, total }, bubbles: true }));
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
