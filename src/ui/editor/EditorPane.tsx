import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { type GfProblem, parseGf } from '../../lang';
import { useExplorerStore } from '../store/context';
import { clearDraft, saveDraft } from './draft';
import { gfExtensions } from './gfExtensions';
import { paneFor } from './paneState';
import './editor.css';

/** How long typing must pause before the canvas is recomputed. */
export const RERUN_DELAY_MS = 300;

/**
 * The .gf text editor: CodeMirror with the language's highlighting, completion and lint. As you
 * type (debounced) the text goes through the explorer's one loader; while it does not parse, the
 * last good graph stays on the canvas and the problems are listed here at line:column. The text
 * is kept in localStorage until "Discard draft".
 */
export function EditorPane() {
  const store = useExplorerStore();
  const pane = paneFor(store);
  const open = useStore(pane, (s) => s.open);
  const revision = useStore(pane, (s) => s.revision);
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const [problems, setProblems] = useState<GfProblem[]>([]);

  useEffect(() => {
    if (!open || !host.current) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastRun: string | null = null;
    const check = (text: string) => {
      const parsed = parseGf(text);
      setProblems(parsed.problems);
      if (parsed.problems.length > 0 || text === lastRun) return;
      lastRun = text;
      void store.getState().loadSpecText(text, 'draft.gf');
    };
    const initial = pane.getState().text;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initial,
        extensions: [
          lineNumbers(),
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          gfExtensions(),
          EditorView.contentAttributes.of({ 'aria-label': 'graph text (.gf)' }),
          EditorView.updateListener.of((u) => {
            if (!u.docChanged) return;
            const text = u.state.doc.toString();
            saveDraft(text);
            clearTimeout(timer);
            timer = setTimeout(() => check(text), RERUN_DELAY_MS);
          }),
        ],
      }),
    });
    view.current = v;
    // A restored draft is listed but not run: it must not replace the graph a link asked for.
    setProblems(parseGf(initial).problems);
    return () => {
      clearTimeout(timer);
      v.destroy();
      view.current = null;
    };
  }, [open, store, pane]);

  // A button asked for other text ("Edit this graph", "New graph"): replace the document.
  useEffect(() => {
    const v = view.current;
    if (!v || revision === 0) return;
    const text = pane.getState().text;
    if (v.state.doc.toString() !== text) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
  }, [revision, pane]);

  if (!open) return null;
  return (
    <section className="gf-editor" aria-label="graph text editor" data-testid="editor-pane">
      <div className="gf-editor__bar">
        <h2>Graph text</h2>
        <button
          type="button"
          onClick={() => {
            clearDraft();
            pane.setState({ open: false, text: '' });
          }}
        >
          Discard draft
        </button>
        <button type="button" onClick={() => pane.setState({ open: false })}>
          Close
        </button>
      </div>
      <div ref={host} className="gf-editor__text" />
      <ul className="gf-editor__problems" data-testid="editor-problems" aria-live="polite">
        {problems.map((p) => (
          <li key={`${p.from}:${p.message}`}>
            <span className="gf-editor__at">
              {p.line}:{p.col}
            </span>{' '}
            {p.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
