import { useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { particlePosition, pointAt, registryFor, samplePath } from './particles';

/**
 * One canvas over the flow that draws every active edge's particles in a single
 * requestAnimationFrame loop, following the viewport's pan and zoom. Mount it as a child
 * of <ReactFlow>. It idles (no loop) while no edge is active.
 */
export function ParticleLayer() {
  const flow = useStoreApi();
  const ref = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const registry = registryFor(flow.getState);
    let raf = 0;
    let width = 0;
    let height = 0;
    const dpr = () => window.devicePixelRatio || 1;

    const resize = () => {
      const r = canvas.getBoundingClientRect();
      width = r.width;
      height = r.height;
      canvas.width = Math.max(1, Math.round(width * dpr()));
      canvas.height = Math.max(1, Math.round(height * dpr()));
    };
    const observer = new ResizeObserver(resize);
    observer.observe(canvas);
    resize();

    const draw = (now: number) => {
      raf = 0;
      const k = dpr();
      ctx.setTransform(k, 0, 0, k, 0, 0);
      ctx.clearRect(0, 0, width, height);
      if (registry.specs.size === 0) return;
      const [tx, ty, zoom] = flow.getState().transform;
      ctx.setTransform(k * zoom, 0, 0, k * zoom, k * tx, k * ty);
      const t = now / 1000;
      for (const s of registry.specs.values()) {
        const pts = samplePath(s.path);
        ctx.fillStyle = s.colour;
        ctx.beginPath();
        for (let i = 0; i < s.count; i++) {
          const [x, y] = pointAt(pts, particlePosition(s, i, t));
          ctx.moveTo(x + s.radius, y);
          ctx.arc(x, y, s.radius, 0, 2 * Math.PI);
        }
        ctx.fill();
      }
      raf = requestAnimationFrame(draw);
    };
    const wake = () => {
      if (!raf) raf = requestAnimationFrame(draw);
    };
    const unsubscribe = registry.subscribe(wake);
    wake();
    return () => {
      unsubscribe();
      observer.disconnect();
      cancelAnimationFrame(raf);
    };
  }, [flow]);

  return <canvas ref={ref} className="gf-particles" data-testid="particle-layer" />;
}
