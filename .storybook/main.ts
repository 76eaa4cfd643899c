import type { StorybookConfig } from '@storybook/react-vite';

const config = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  // TypeScript 7 has no JS compiler API: react-docgen-typescript breaks with it; react-docgen is fine.
  typescript: { reactDocgen: 'react-docgen' },
} satisfies StorybookConfig;

export default config;
