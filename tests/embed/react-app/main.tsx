// A host app using the README's React snippet (served to this build as `./Lecture.readme.tsx`).
import { createRoot } from 'react-dom/client';
// @ts-expect-error: generated at build time from README.md (tests/embed/global-setup.ts)
import { Lecture } from './Lecture.readme';

const root = document.getElementById('root');
if (root) createRoot(root).render(<Lecture />);
