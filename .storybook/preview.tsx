import '@xyflow/react/dist/style.css';
import 'katex/dist/katex.min.css';
import '../src/ui/styles.css';
import '../src/lib/embed.css';
import type { Preview } from '@storybook/react-vite';
import { viewWithoutPlay } from './embedMode';

// A story opened on its own (iframe.html?id=…&viewMode=story: a course page's iframe) shows its
// state; its play function is a test, run by Vitest, not a show in front of viewers.
viewWithoutPlay(window);

const preview = {
  parameters: {
    // Canvases fill the frame: an embedded story (iframe.html?id=…&viewMode=story&singleStory=true) is just the explorer.
    layout: 'fullscreen',
    // Every story is an accessibility test: a violation fails it.
    a11y: { test: 'error', options: { resultTypes: ['violations'] } },
    controls: { expanded: true },
  },
} satisfies Preview;

export default preview;
