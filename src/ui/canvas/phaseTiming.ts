/**
 * User-timing measures around the canvas's phases (buildStructure, the elk pass, the whole
 * layout), named `gf:<phase>`, so a profile or the UI benchmark can split an open into its
 * parts (`performance.getEntriesByName('gf:elk')`). Cheap: one mark pair per layout, never per step.
 */
export function timed<T>(phase: string, f: () => T): T {
  const start = performance.now();
  const done = () => {
    try {
      performance.measure(`gf:${phase}`, { start, end: performance.now() });
    } catch {
      // No user timing (an old runtime): the phase simply goes unmeasured.
    }
  };
  const out = f();
  if (out instanceof Promise) {
    void out.then(done, done);
    return out;
  }
  done();
  return out;
}
