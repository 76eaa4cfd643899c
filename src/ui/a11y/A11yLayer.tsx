import type { ExplorerControls } from '../Explorer';
import { Announcer } from './Announcer';
import { NodeNavigator } from './NodeNavigator';
import { StepTable } from './StepTable';

/** The explorer without sight: steps in words, nodes and edges by keyboard, the numbers as a table. */
export function A11yLayer({ controls }: { controls: ExplorerControls }) {
  return (
    <>
      <Announcer />
      <NodeNavigator />
      {controls !== 'none' && <StepTable />}
    </>
  );
}
