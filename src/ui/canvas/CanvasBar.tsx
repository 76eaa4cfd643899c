import { useReactFlow } from '@xyflow/react';
import { useReducedMotion } from '../common/useReducedMotion';
import { MoreMenu } from '../sidebar/MoreMenu';
import { useExplorer } from '../store/context';
import { useCanvasBarSlot } from './barSlot';
import { ExportButtons } from './ExportButtons';
import type { Structure } from './flow';
import { followOn, isTheme, useCanvasView, useCanvasViewStore } from './viewState';

/**
 * The canvas's own bar, above the flow (never over a node): the legend, zoom, fit, follow,
 * heatmap scale, theme and export. In presenter mode one row: the legend opens on demand, the
 * scale, theme and export sit in ⋯, and the explorer's lecture track bar takes the bar's end.
 */
export function CanvasBar({ structure }: { structure: Structure }) {
  const rf = useReactFlow();
  const view = useCanvasViewStore();
  const presenter = useExplorer((s) => s.presenter);
  const follow = useCanvasView((v) => followOn(v, presenter));
  const paused = useCanvasView((v) => v.followPaused);
  const heatScale = useCanvasView((v) => v.heatScale);
  const theme = useCanvasView((v) => v.theme);
  const reduced = useReducedMotion();
  const duration = reduced ? 0 : 200;
  const zoom = (by: 'in' | 'out') => {
    view.getState().pauseFollow();
    void (by === 'in' ? rf.zoomIn({ duration }) : rf.zoomOut({ duration }));
  };
  const slot = useCanvasBarSlot();
  const secondary = (
    <>
      <button
        type="button"
        aria-pressed={heatScale === 'trace'}
        data-testid="heat-scale"
        onClick={() => view.getState().setHeatScale(heatScale === 'trace' ? 'tensor' : 'trace')}
        title={
          heatScale === 'trace'
            ? 'heatmaps share one scale across the whole trace (click: each tensor to its own largest entry)'
            : 'each heatmap is scaled to its own largest entry (click: one scale across the whole trace)'
        }
      >
        {heatScale === 'trace' ? 'scale: trace' : 'scale: tensor'}
      </button>
      <label className="gf-theme-pick">
        <span aria-hidden="true">◐</span>
        <select
          value={theme}
          title="projector theme"
          aria-label="theme"
          onChange={(e) => {
            if (isTheme(e.target.value)) view.getState().setTheme(e.target.value);
            // The step keys belong to the explorer, not to the last-used control.
            e.target.blur();
          }}
        >
          <option value="default">default</option>
          <option value="light">light (high contrast)</option>
          <option value="dark">dark</option>
        </select>
      </label>
      <ExportButtons structure={structure} />
    </>
  );
  return (
    <div className="gf-canvas__bar" data-testid="canvas-bar">
      {presenter ? (
        // One row in presenter mode: the legend opens on demand, over the canvas.
        <MoreMenu label="legend: what the colours and widths mean" summary="legend" className="gf-legend-pop" testId="legend-toggle">
          <Legend />
        </MoreMenu>
      ) : (
        <Legend />
      )}
      <div className="gf-canvas__tools">
        <button type="button" onClick={() => zoom('out')} aria-label="zoom out" title="zoom out">
          −
        </button>
        <button type="button" onClick={() => zoom('in')} aria-label="zoom in" title="zoom in">
          +
        </button>
        <button
          type="button"
          onClick={() => view.getState().fitAll()}
          aria-label="fit the whole graph (0)"
          title="fit the whole graph (0 or .)"
        >
          fit
        </button>
        <button
          type="button"
          aria-pressed={follow}
          data-testid="follow-toggle"
          data-follow={follow ? (paused ? 'paused' : 'on') : 'off'}
          onClick={() => {
            const v = view.getState();
            if (follow && paused) v.followNow();
            else v.setFollow(!follow);
          }}
          title="the camera follows the step (F resumes it after a manual pan or zoom)"
        >
          {follow ? (paused ? 'follow: paused' : 'follow: on') : 'follow: off'}
        </button>
        {presenter ? (
          <MoreMenu label="more: heatmap scale, theme, export" testId="canvas-more">
            {secondary}
          </MoreMenu>
        ) : (
          secondary
        )}
      </div>
      {slot}
    </div>
  );
}

function Legend() {
  return (
    <div className="gf-flow-legend">
      <span>
        <i className="gf-swatch gf-swatch--forward" /> value
      </span>
      <span>
        <i className="gf-swatch gf-swatch--backward" /> ∇, width ∝ log‖∇‖
      </span>
      <span>
        <i className="gf-swatch gf-swatch--floor" /> ∇ below the scale: dashed, exponent shown
      </span>
      <span>
        <i className="gf-swatch gf-swatch--idle" /> no ∇ yet
      </span>
      <span>
        <i className="gf-swatch gf-swatch--neg" /> scalar ∇ &lt; 0
      </span>
      <span>
        <i className="gf-swatch gf-swatch--heat" /> − 0 +
      </span>
    </div>
  );
}
