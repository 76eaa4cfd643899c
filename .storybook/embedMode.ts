/** Storybook's manager UI holds its preview in this frame; anywhere else a story is being embedded. */
const MANAGER_FRAME = 'storybook-preview-iframe';

function inManager(win: Window): boolean {
  if (win.parent === win) return false;
  try {
    return win.frameElement?.id === MANAGER_FRAME;
  } catch {
    // a cross-origin parent: a course page, not the manager
    return false;
  }
}

/**
 * Storybook runs a story's play function when it renders it, unless the URL says `embed=true`.
 * A story shown in `viewMode=story` outside Storybook's own UI gets that flag (the address is
 * rewritten in place, before the first story renders), so a viewer sees the story's state at its
 * step — no stepping forth and back, no focus left in a control. The Vitest runner renders
 * stories itself (not from an iframe.html address) and still runs every play function; the
 * manager UI still shows them playing.
 */
export function viewWithoutPlay(win: Window): boolean {
  const url = new URL(win.location.href);
  if (!url.pathname.endsWith('/iframe.html') || url.searchParams.get('viewMode') !== 'story') return false;
  if (url.searchParams.get('embed') === 'true' || inManager(win)) return false;
  url.searchParams.set('embed', 'true');
  win.history.replaceState(win.history.state, '', url);
  return true;
}
