import { useExplorer } from '../store/context';

/** The graph's notes: where the notebook is wrong, and why. */
export function GraphNotes() {
  const notes = useExplorer((s) => s.run?.graph.notes);
  if (!notes?.length) return null;
  return (
    <section className="gf-notes" data-testid="graph-notes">
      <h3>Notes on this graph</h3>
      <ul>
        {notes.map((n, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: notes have no ids
          <li key={i}>{n}</li>
        ))}
      </ul>
    </section>
  );
}
