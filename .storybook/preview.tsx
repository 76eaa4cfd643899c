import '@xyflow/react/dist/style.css';
import 'katex/dist/katex.min.css';
import '../src/ui/styles.css';
import '../src/lib/embed.css';
import type { Preview } from '@storybook/react-vite';

const preview = {
  parameters: {
    // Canvases fill the frame: an embedded story (iframe.html?id=…&singleStory=true) is just the explorer.
    layout: 'fullscreen',
    // Every story is an accessibility test: a violation fails it.
    a11y: { test: 'error', options: { resultTypes: ['violations'] } },
    controls: { expanded: true },
  },
} satisfies Preview;

export default preview;
