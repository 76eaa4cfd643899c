/**
 * `import { GradflowExplorer } from 'gradflow'`: the explorer as a React component, and the
 * `<gradflow-graph>` custom element for pages that are not React.
 */
export type { OptionValue } from '../core/types';
export type { ExplorerControls } from '../ui/Explorer';
export { defineGradflowElement, type GradflowGraphElement, type StepChangeDetail, TAG } from './element';
export { GradflowExplorer, type GradflowExplorerProps } from './GradflowExplorer';
