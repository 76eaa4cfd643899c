// In-page helpers, injected as plain script text before any page script runs (tsx would
// otherwise rename functions passed to page.evaluate).
//
// Painted frame: a requestAnimationFrame callback runs before the frame's style, layout and
// paint; a message posted from inside it is delivered as the next task, i.e. after that frame
// was produced (the requestPostAnimationFrame polyfill). So "painted" = rAF, then MessageChannel.
// A change committed to the DOM is on screen in the first frame whose rAF runs after it.
export const PAGE_HELPERS = `
(() => {
  const g = globalThis;
  // tsx names the functions it compiles (__name(fn, "x")); page.evaluate sends them as text.
  g.__name = g.__name || ((f) => f);
  g.__afterPaint = () => new Promise((resolve) => {
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve(performance.now());
      ch.port2.postMessage(0);
    });
  });
  // Resolves with the time after the first frame painted once pred() holds (checked every frame).
  g.__paintedWhen = (pred, timeoutMs = 120000) => new Promise((resolve, reject) => {
    const t0 = performance.now();
    const check = () => {
      let ok = false;
      try { ok = pred(); } catch { ok = false; }
      if (ok) {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve(performance.now());
        ch.port2.postMessage(0);
        return;
      }
      if (performance.now() - t0 > timeoutMs) reject(new Error('timed out waiting for ' + pred));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
  // True when an element of one of these ids (node-ID or group-ID) is rendered and visible.
  g.__anyShown = (ids) => {
    for (const el of document.querySelectorAll('[data-testid^="node-"], [data-testid^="group-"]')) {
      const t = el.getAttribute('data-testid');
      const id = t.slice(t.indexOf('-') + 1);
      if (!ids.has(id)) continue;
      const host = el.closest('.react-flow__node') || el;
      if (getComputedStyle(host).visibility !== 'hidden' && document.querySelector('.react-flow__edge')) return true;
    }
    return false;
  };
  // Key → painted frame latencies of step-counter changes, and how many frames began between
  // the key and the frame that showed the step (0: the first frame after the key showed it;
  // a rAF's timestamp is its frame's begin time, frames are 1000/60 ms apart here).
  g.__lat = [];
  g.__lagFrames = [];
  // The browser's own key → next paint (Event Timing API, as INP reads it): keydown entries of at
  // least 16 ms (the API's floor; shorter ones are not reported), durations rounded to 8 ms. Unlike
  // the rAF + MessageChannel mark, tasks queued after the frame (effects) do not count.
  g.__keyPaint = [];
  g.__watchKeyPaint = () => {
    if (g.__keyPaintOn) return;
    g.__keyPaintOn = true;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'keydown') g.__keyPaint.push(e.duration);
    }).observe({ type: 'event', durationThreshold: 16 });
  };
  g.__watchSteps = () => {
    g.__watchKeyPaint();
    const counter = document.querySelector('[data-testid="step-counter"]');
    let t = 0;
    window.addEventListener('keydown', (e) => { t = e.timeStamp; }, { capture: true });
    new MutationObserver(() => {
      const t0 = t;
      if (!t0) return;
      t = 0;
      requestAnimationFrame((frame) => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          g.__lagFrames.push(Math.max(0, Math.floor((frame - t0) / (1000 / 60))));
          g.__lat.push(performance.now() - t0);
        };
        ch.port2.postMessage(0);
      });
    }).observe(counter, { childList: true, characterData: true, subtree: true });
  };
})();
`;
