import { type EdgeProps, type InternalNode, useStore, useStoreApi } from '@xyflow/react';
import { memo, useEffect, useMemo } from 'react';
import type { Phase } from '../../engine/trace';
import { useReducedMotion } from '../common/useReducedMotion';
import { selectStep, selectTimeline } from '../store/selectors';
import { gradEncoder } from '../trace/encoding';
import { PHASE_COLOUR } from '../trace/palette';
import type { EdgeView } from '../trace/timeline';
import { edgeLook, edgeTitle, labelPoint, sci } from './edgeLook';
import { edgePath } from './edgePath';
import { type GradientFlowEdge, type MergedEdgeView, mergedEdgeTitle } from './flow';
import { registryFor } from './particles';
import { countRender } from './renderProbe';
import { useMaybeExplorer } from './useMaybeExplorer';
import { edgeViewOf, encoderFor, isActiveEdge, isHiddenEdge } from './views';

const IDLE_VIEW: EdgeView = { phase: 'idle', valueNorm: null, grad: null, gradNorm: null, gradSign: null };
const HIDDEN_COLOUR = '#6b7785';

/**
 * A flow node's label: a graph node's or a folded group's (typed data, never parsed from ids);
 * a plain React Flow node's `data.label` when the edge is drawn on its own (stories, tests).
 */
const labelOf = (n: InternalNode | undefined): string => {
  const d = n?.data as Partial<Record<'model' | 'group', { label: string }>> & { label?: unknown };
  if (d?.model) return d.model.label;
  if (d?.group) return d.group.label;
  return typeof d?.label === 'string' ? d.label : '';
};

/**
 * One edge of the graph. Forward: the value travels source → target. Backward: the gradient
 * travels target → source, its width and colour from a log scale of its norm (sign for
 * scalars). Only the step just done animates: its particles are drawn by the flow's
 * ParticleLayer (one canvas, one loop), not by per-edge SVG animations.
 * Test hooks: data-phase (forward | backward | idle), data-grad-norm (empty before a gradient),
 * data-particles (how many move now) and data-flow (their direction).
 */
export const GradientEdge = memo(function GradientEdge(p: EdgeProps<GradientFlowEdge>) {
  countRender('edge', p.id);
  const d = p.data;
  const members = d?.members;
  const storeView = useMaybeExplorer(edgeViewOf(p.id, members), null);
  const storeActive = useMaybeExplorer(isActiveEdge(p.id, members), false);
  const hidden = useMaybeExplorer(isHiddenEdge(p.id, members), false);
  const stepPhase = useMaybeExplorer((s) => (storeActive ? (selectStep(s)?.phase ?? null) : null), null);
  const storeEncoder = useMaybeExplorer((s) => encoderFor(selectTimeline(s)), null);
  const reduced = useReducedMotion();

  const view = storeView ?? d?.view ?? IDLE_VIEW;
  const active = storeView ? storeActive : (d?.active ?? false);
  const phaseNow: Phase | null = stepPhase ?? d?.stepPhase ?? null;
  const maxNorm = d?.maxGradNorm;
  const encoder = useMemo(() => storeEncoder ?? gradEncoder(maxNorm ?? 1), [storeEncoder, maxNorm]);

  const presenter = useMaybeExplorer((s) => s.presenter, false);
  const from = useStore((s) => labelOf(s.nodeLookup.get(p.source)));
  const to = useStore((s) => labelOf(s.nodeLookup.get(p.target)));

  const path = edgePath(p.sourceX, p.sourceY, p.targetX, p.targetY, d?.route);
  const [labelX, labelY] = labelPoint(p.sourceX, p.sourceY, p.targetX, p.targetY, d?.route);
  const dataPhase = hidden ? 'backward' : view.phase;
  const look = edgeLook(view, encoder);
  const style = hidden ? { ...look, colour: HIDDEN_COLOUR, width: 2.5, opacity: 0.9, particles: 2, duration: 1.6, dash: '6 4' } : look;
  // ‖∇‖ written on the edge: always below the colour floor, on every gradient edge in presenter mode.
  const label =
    !hidden && (look.kind === 'floor' || (presenter && (look.kind === 'grad' || look.kind === 'zero'))) ? sci(view.gradNorm ?? 0) : null;
  const backwardFlow = hidden || (active && (phaseNow === 'backward' || phaseNow === 'seed'));
  const particleColour = hidden ? HIDDEN_COLOUR : phaseNow === 'recompute' ? PHASE_COLOUR.recompute : style.colour;
  const moving = active && !reduced;
  const count = moving ? Math.max(1, style.particles) : 0;
  const radius = 2.2 + Math.min(style.width, 8) / 3;
  const duration = style.duration || 1.4;
  // Register the motion; the flow's ParticleLayer draws every edge's particles on one canvas.
  const flow = useStoreApi();
  useEffect(() => {
    if (!count) return;
    const registry = registryFor(flow.getState);
    registry.set(p.id, { path, colour: particleColour, radius, count, duration, reverse: backwardFlow });
    return () => registry.delete(p.id);
  }, [flow, p.id, count, path, particleColour, radius, duration, backwardFlow]);

  return (
    <g
      className={`gf-edge gf-edge--${dataPhase}${active ? ' is-active' : ''}${hidden ? ' is-hidden' : ''}`}
      data-testid="gf-edge"
      data-edge-id={p.id}
      data-merged={members ? members.length : undefined}
      data-phase={dataPhase}
      data-grad-norm={hidden || view.gradNorm === null ? '' : String(view.gradNorm)}
      data-active={active ? 'true' : 'false'}
      data-particles={count}
      data-flow={count ? (backwardFlow ? 'backward' : 'forward') : ''}
      data-look={hidden ? 'hidden' : look.kind}
    >
      <title>
        {members && 'parts' in view
          ? mergedEdgeTitle(edgeTitle(from || p.source, to || p.target, view, look, hidden), members, (view as MergedEdgeView).parts, sci)
          : edgeTitle(from || p.source, to || p.target, view, look, hidden)}
      </title>
      {/* A wide transparent stroke: the tooltip answers near the line, not only on a hairline. */}
      <path d={path} fill="none" stroke="transparent" strokeWidth={12} className="gf-edge__hit" />
      {active && (
        <path d={path} fill="none" stroke={particleColour} strokeWidth={style.width + 8} strokeOpacity={0.16} strokeLinecap="round" />
      )}
      <path
        d={path}
        fill="none"
        stroke={style.colour}
        strokeWidth={style.width}
        strokeOpacity={style.opacity}
        strokeDasharray={style.dash}
        className="gf-edge__line"
      />
      {label !== null && (
        <text
          x={labelX}
          y={labelY - 4}
          className={`gf-edge__label gf-edge__label--${look.kind}`}
          textAnchor="middle"
          data-testid="edge-label"
        >
          {label}
        </text>
      )}
    </g>
  );
});
