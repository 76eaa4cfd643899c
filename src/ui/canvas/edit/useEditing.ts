import { useStore } from 'zustand';
import { paneFor } from '../../editor/paneState';
import { useExplorerStore } from '../../store/context';

/** The canvas is editable while the text editor is mounted: every canvas edit rewrites its text. */
export function useEditing(): boolean {
  return useStore(paneFor(useExplorerStore()), (s) => s.ready);
}
