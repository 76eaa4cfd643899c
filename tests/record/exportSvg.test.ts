import { describe, expect, test } from 'vitest';
import { edgePath } from '../../src/ui/canvas/edgePath';
import { buildSvg, type ExportView, edgeEnds } from '../../src/ui/canvas/exportSvg';
import { buildStructure } from '../../src/ui/canvas/flow';
import { layoutStructure } from '../../src/ui/canvas/layout';
import { absolutePositions } from '../../src/ui/canvas/positions';
import { gradEncoder } from '../../src/ui/trace/encoding';
import { exercise, objectiveOf } from '../canvas/helpers';

const IDLE: ExportView = {
  nodeAt: () => null,
  edgeAt: () => null,
  encoder: gradEncoder(1),
  title: 'ex09 <plain> & "residual"',
  caption: 'step 0 / 0',
};

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The d of every exported edge path, by edge id. */
function exportedPaths(svg: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of svg.matchAll(/<path data-edge-id="([^"]+)" d="([^"]+)"/g)) out.set(unescapeXml(m[1] as string), m[2] as string);
  return out;
}

describe('exportSvg follows the layout’s edge routes', () => {
  test('ex09 wrapped into rows: a routed edge is exported through its waypoints, exactly as the canvas draws it', async () => {
    const g = exercise('ex09-residual-flow');
    const s = await layoutStructure(buildStructure(g, objectiveOf(g), {}), { aspect: 16 / 9 });
    expect((s.rows ?? []).length).toBeGreaterThan(1);
    const routed = s.edges.filter((e) => e.data?.route?.length);
    expect(routed.length).toBeGreaterThan(0);
    const svg = buildSvg(s, IDLE);
    const paths = exportedPaths(svg);
    expect(paths.size).toBe(s.edges.length);
    const byId = new Map(s.nodes.map((n) => [n.id, n]));
    const pos = absolutePositions(s.nodes);
    for (const e of routed) {
      const ends = edgeEnds(e, byId, pos);
      expect(ends, e.id).not.toBeNull();
      const { sx, sy, tx, ty } = ends as NonNullable<typeof ends>;
      const d = paths.get(e.id) as string;
      expect(d, e.id).toBe(edgePath(sx, sy, tx, ty, e.data?.route));
      // Orthogonal with rounded corners (no bezier), and it passes the gutter lane of its route.
      expect(d).not.toContain('C');
      const gy = e.data?.route?.[1]?.[1];
      expect(d).toContain(`,${gy}`);
    }
    // Within a row the edge stays the canvas's bezier.
    const level = s.edges.find((e) => !e.data?.route);
    expect(paths.get(level?.id ?? '')).toContain('C');
    // Graph text is escaped.
    expect(svg).toContain('ex09 &lt;plain&gt; &amp; &quot;residual&quot;');
  }, 60_000);
});
