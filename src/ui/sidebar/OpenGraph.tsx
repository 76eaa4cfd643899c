import { useRef, useState } from 'react';
import { EditorButtons } from '../editor/EditorButtons';
import { useExplorer, useExplorerStore } from '../store/context';

/**
 * "Open graph file…" and a paste box; both go through the same checks as every graph (size,
 * JSON, schema, compile). A refused graph never touches what is in the paste box.
 */
export function OpenGraph() {
  const store = useExplorerStore();
  const paste = useExplorer((s) => s.pasteDraft);
  const custom = useExplorer((s) => (s.source?.kind === 'spec' ? (s.run?.graph.title ?? 'custom graph') : null));
  const from = useExplorer((s) => (s.source?.kind === 'spec' ? s.source.src : undefined));
  const file = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  return (
    <section className="gf-open">
      <h2>Your graphs</h2>
      {custom && (
        <p className="gf-current-custom" aria-current="page">
          {custom}
          {from !== undefined && <span className="gf-muted"> (from {from})</span>}
        </p>
      )}
      <button type="button" onClick={() => file.current?.click()}>
        Open graph file…
      </button>
      <input
        ref={file}
        type="file"
        accept=".json,.gf,application/json"
        hidden
        data-testid="file-input"
        onChange={async (e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (!f) return;
          // Refused before it is read: the size is known up front (the loader loads with the first file).
          const { sizeProblem } = await import('../../core/load');
          const tooBig = sizeProblem(f.name, f.size);
          if (tooBig) {
            store.setState({ problems: [tooBig], problemSource: 'file', playing: false });
            return;
          }
          await store.getState().loadSpecText(await f.text(), f.name);
        }}
      />
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open}>
        Paste JSON…
      </button>
      {open && (
        <form
          className="gf-paste"
          onSubmit={(e) => {
            e.preventDefault();
            void store.getState().loadSpecText(paste);
          }}
        >
          <textarea
            value={paste}
            onChange={(e) => store.getState().setPasteDraft(e.target.value)}
            rows={8}
            spellCheck={false}
            aria-label="graph JSON"
            placeholder={'{ "nodes": [ … ], "objectives": [ … ] }'}
          />
          <button type="submit">Load</button>
        </form>
      )}
      <EditorButtons />
    </section>
  );
}
