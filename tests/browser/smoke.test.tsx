import { expect, test } from 'vitest';
import { render } from 'vitest-browser-react';

test('renders in Chromium', async () => {
  const screen = await render(<p>gradflow</p>);
  await expect.element(screen.getByText('gradflow')).toBeVisible();
});
