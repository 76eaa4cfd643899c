/** Step-bar icons as inline SVG (media-control glyphs are missing from many fonts). */
const Icon = ({ d }: { d: string }) => (
  <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
    <path d={d} fill="currentColor" />
  </svg>
);

export const FirstIcon = () => <Icon d="M2 2h2v10H2zM12 2v10L5 7z" />;
export const PrevIcon = () => <Icon d="M11 2v10L4 7z" />;
export const PlayIcon = () => <Icon d="M3 1.5v11L12.5 7z" />;
export const PauseIcon = () => <Icon d="M3 2h3v10H3zM8 2h3v10H8z" />;
export const NextIcon = () => <Icon d="M3 2v10l7-5z" />;
export const LastIcon = () => <Icon d="M10 2h2v10h-2zM2 2v10l7-5z" />;

/** A padlock for frozen parameters (emoji fonts are often missing). */
export const LockIcon = () => (
  <svg width="9" height="10" viewBox="0 0 9 10" aria-hidden="true" focusable="false" style={{ marginRight: 3, verticalAlign: '-1px' }}>
    <path d="M2 4V3a2.5 2.5 0 0 1 5 0v1h1v6H1V4zm1 0h3V3a1.5 1.5 0 0 0-3 0z" fill="currentColor" />
  </svg>
);
