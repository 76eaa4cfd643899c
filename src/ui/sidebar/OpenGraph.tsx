import { useRef, useState } from 'react';
import { useExplorer, useExplorerStore } from '../store/context';

/** Largest graph file read (the schema caps nodes and text anyway). */
const MAX_FILE_BYTES = 5_000_000;

/** "Open graph file…" and a paste box; both go through the same validation as every graph. */
export function OpenGraph() {
  const store = useExplorerStore();
  const paste = useExplorer((s) => s.pasteDraft);
  const custom = useExplorer((s) => (s.source?.kind === 'spec' ? (s.run?.graph.title ?? 'custom graph') : null));
  const file = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  return (
    <section className="gf-open">
      <h2>Your graphs</h2>
      {custom && (
        <p className="gf-current-custom" aria-current="page">
          {custom}
        </p>
      )}
      <button type="button" onClick={() => file.current?.click()}>
        Open graph file…
      </button>
      <input
        ref={file}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="file-input"
        onChange={async (e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (!f) return;
          if (f.size > MAX_FILE_BYTES) {
            store.setState({ problems: [{ field: '(file)', message: `${f.name} is larger than 5 MB` }], problemSource: 'file' });
            return;
          }
          const text = await f.text();
          store.getState().setPasteDraft(text);
          await store.getState().loadSpecText(text, f.name);
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
    </section>
  );
}
