/**
 * The custom element script: `<script type="module" src=".../gradflow-element.js"></script>`
 * registers `<gradflow-graph>`. React, the canvas and the CSS are in this script; tfjs and the
 * engine load from next to it when the first graph is shown.
 */
import { defineGradflowElement } from './element';

defineGradflowElement();

export { defineGradflowElement, type GradflowGraphElement, type StepChangeDetail, TAG } from './element';
