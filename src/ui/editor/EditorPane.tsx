import { defaultKeymap, history, historyKeymap, redo, redoDepth, undo, undoDepth } from '@codemirror/commands';
import { setDiagnostics } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { type GfProblem, parseGf } from '../../lang';
import { EditLayer } from '../canvas/edit/EditLayer';
import { useExplorer, useExplorerStore } from '../store/context';
import { setBridge } from './bridge';
import { completionOps } from './completionOps';
import { saveDraft } from './draft';
import { EditorBar } from './EditorBar';
import { gfExtensions, toDiagnostic } from './gfExtensions';
import { canvasEditOf, canvasTransaction } from './history';
import { locateEngineProblems, problemText } from './located';
import { paneFor } from './paneState';
import { runText } from './runText';
import './editor.css';

/** How long typing must pause before the canvas is recomputed. */
export const RERUN_DELAY_MS = 300;

/**
 * The .gf text editor: CodeMirror with the language's highlighting, completion and lint. As you
 * type (debounced) the text runs; while it does not parse, the last good graph stays on the
 * canvas and the problems are listed here at line:column. The engine's problems with a text that
 * parses are marked on the line of the node they name. Canvas edits arrive through the bridge as
 * transactions of CodeMirror's history (see history.ts). The text is kept in localStorage until
 * "Discard draft".
 */
export function EditorPane() {
  const store = useExplorerStore();
  const pane = paneFor(store);
  const open = useStore(pane, (s) => s.open);
  const revision = useStore(pane, (s) => s.revision);
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const engine = useRef<GfProblem[]>([]);
  const [parseProblems, setParseProblems] = useState<GfProblem[]>([]);
  const [doc, setDoc] = useState('');
  const storeProblems = useExplorer((s) => (s.problemSource === 'graph' ? s.problems : null));

  useEffect(() => {
    if (!open || !host.current) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastRun: string | null = null;
    const check = (text: string) => {
      const parsed = parseGf(text);
      setParseProblems(parsed.problems);
      if (parsed.problems.length > 0 || text === lastRun) return;
      lastRun = text;
      void runText(store, text);
    };
    const depths = (s: EditorState) => pane.setState({ undoDepth: undoDepth(s), redoDepth: redoDepth(s) });
    const stateFor = (text: string) =>
      EditorState.create({
        doc: text,
        extensions: [
          lineNumbers(),
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          gfExtensions(() => engine.current, completionOps(store)),
          // tabindex: the text is the scrolled region's focusable content, as axe counts it (contenteditable alone is not)
          EditorView.contentAttributes.of({ 'aria-label': 'graph text (.gf)', tabindex: '0' }),
          // long lines wrap: the pane does not scroll sideways
          EditorView.lineWrapping,
          EditorView.updateListener.of((u) => {
            if (!u.docChanged) return;
            const text = u.state.doc.toString();
            depths(u.state);
            setDoc(text);
            saveDraft(text);
            clearTimeout(timer);
            const canvas = u.transactions.map(canvasEditOf).find((k) => k !== undefined);
            // A canvas edit run before it was written: the graph is already on screen.
            if (canvas === 'ran') {
              lastRun = text;
              setParseProblems([]);
              return;
            }
            // One that was not (an input removed): run now, no typing to wait for.
            if (canvas === 'run') {
              check(text);
              return;
            }
            timer = setTimeout(() => check(text), RERUN_DELAY_MS);
          }),
        ],
      });
    const initial = pane.getState().text;
    const v = new EditorView({ parent: host.current, state: stateFor(initial) });
    view.current = v;
    setDoc(initial);
    // A restored draft, or a graph opened as text, is listed but not run: it must not replace the
    // graph on screen (a link's, an exercise) until the learner edits it.
    lastRun = initial;
    setParseProblems(parseGf(initial).problems);
    depths(v.state);
    setBridge(store, {
      text: () => v.state.doc.toString(),
      writeEdit: (changes, ran) => v.dispatch(canvasTransaction(changes, ran)),
      undo: () => undo(v),
      redo: () => redo(v),
    });
    pane.setState({ ready: true });
    const unsubscribe = pane.subscribe((s, prev) => {
      // A button asked for other text ("Edit this graph", "New graph"): a new document, a new history.
      if (s.revision === prev.revision) return;
      clearTimeout(timer);
      lastRun = s.text;
      v.setState(stateFor(s.text));
      setDoc(s.text);
      setParseProblems(parseGf(s.text).problems);
      depths(v.state);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
      setBridge(store, null);
      pane.setState({ ready: false });
      v.destroy();
      view.current = null;
    };
  }, [open, store, pane]);

  // The engine's problems with the text on screen, on the lines of the nodes they name.
  const located = useMemo(() => (storeProblems ? locateEngineProblems(doc, storeProblems) : []), [doc, storeProblems]);
  useEffect(() => {
    engine.current = located;
    const v = view.current;
    // The linter reruns on typing only: the engine's verdict arrives later, so mark it now.
    if (v && parseGf(v.state.doc.toString()).problems.length === 0)
      v.dispatch(
        setDiagnostics(
          v.state,
          located.map((p) => toDiagnostic(p, v.state.doc.length)),
        ),
      );
  }, [located]);

  if (!open) return null;
  const problems = parseProblems.length ? parseProblems : located;
  return (
    <section className="gf-editor" aria-label="graph text editor" data-testid="editor-pane" data-revision={revision}>
      <EditorBar pane={pane} text={() => view.current?.state.doc.toString() ?? ''} parses={parseProblems.length === 0} />
      <EditLayer />
      <div ref={host} className="gf-editor__text" />
      <ul className="gf-editor__problems" data-testid="editor-problems" aria-live="polite">
        {problems.map((p) => (
          <li key={`${p.from}:${p.message}`} data-node={p.node ?? ''} data-field={p.field}>
            <span className="gf-editor__at">
              {p.line}:{p.col}
            </span>{' '}
            {problemText(p)}
          </li>
        ))}
      </ul>
    </section>
  );
}
