/** React Flow props for a still picture in a story: no dragging, selecting, panning or zooming. */
export const STATIC_FLOW = {
  fitView: true,
  nodesDraggable: false,
  nodesConnectable: false,
  elementsSelectable: false,
  disableKeyboardA11y: true,
  zoomOnScroll: false,
  panOnDrag: false,
} as const;
