import type { StorybookConfig } from '@storybook/react-vite';

const config = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  // TypeScript 7 has no JS compiler API: react-docgen-typescript breaks with it; react-docgen is fine.
  typescript: { reactDocgen: 'react-docgen' },
  // Stories run the engine in the page: they take the full @tensorflow/tfjs, not the app's lean
  // alias (src/lib/tfjs-lean.ts). In Storybook's build the alias's deep tfjs-core imports and the
  // package's own entry resolved to two copies of tfjs-core, and the flags registered in one were
  // missing from the other ("Cannot evaluate flag 'DEBUG'"): every story errored.
  viteFinal: (config) => {
    const alias = config.resolve?.alias;
    if (Array.isArray(alias))
      config.resolve = { ...config.resolve, alias: alias.filter((a) => !String(a.replacement).endsWith('tfjs-lean.ts')) };
    return config;
  },
} satisfies StorybookConfig;

export default config;
