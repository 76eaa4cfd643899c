const STYLE = {
  position: 'fixed',
  left: '50%',
  bottom: 12,
  transform: 'translateX(-50%)',
  maxWidth: 'min(720px, 90vw)',
  margin: 0,
  padding: '8px 14px',
  border: '1px solid #efd19a',
  borderLeft: '4px solid #b26a00',
  borderRadius: 6,
  background: '#fff8eb',
  color: '#1d2733',
  font: '13px/1.4 system-ui, sans-serif',
  zIndex: 20,
} as const;

/** Says, where the learner looks, that the address bar does not hold the graph on screen. */
export function LinkNotice({ text }: { text: string }) {
  return (
    <p style={STYLE} role="status" data-testid="link-notice">
      {text}
    </p>
  );
}
