// A host app's entry: renders the README's React snippet (copied next to it as Lecture.tsx).
import { createRoot } from 'react-dom/client';
// @ts-expect-error: written next to this file by tests/embed/host-app.ts, from README.md
import { Lecture } from './Lecture';

const root = document.getElementById('root');
if (root) createRoot(root).render(<Lecture />);
