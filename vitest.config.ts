import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { optimizeDepsInclude } from './vite.config.ts';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// A fresh provider per project: one shared object fails ("Cannot define a nested project").
const chromium = () => playwright({ launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS } });

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/browser/**', 'tests/e2e/**', 'tests/embed/**'],
          setupFiles: ['tests/setup.ts'],
          testTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        // Playwright against `vite preview` of a production build (built once in globalSetup).
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        plugins: [react()],
        optimizeDeps: { include: optimizeDepsInclude },
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.{ts,tsx}'],
          testTimeout: 60_000,
          browser: { enabled: true, headless: true, provider: chromium(), instances: [{ browser: 'chromium' }] },
        },
      },
      {
        // The README's embeds (iframe, React component, custom element) against the built library and Storybook.
        test: {
          name: 'embed',
          environment: 'node',
          include: ['tests/embed/**/*.test.ts'],
          globalSetup: ['tests/embed/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        // Every story in stories/ is a test: rendered in Chromium, its play function run, axe-checked.
        plugins: [storybookTest({ configDir: '.storybook' })],
        optimizeDeps: { include: optimizeDepsInclude },
        // Its own dependency cache: two browser projects optimising into one directory at once
        // re-optimise each other's deps mid-run (and the other project's tests fail).
        cacheDir: 'node_modules/.vite-storybook',
        test: {
          name: 'storybook',
          testTimeout: 60_000,
          // The compute workers answer a first run before any story (see the file).
          setupFiles: ['.storybook/vitest.setup.ts'],
          // One page for every story file: modules, tfjs and workers load once, not per file
          // (half the project's time). Each story still gets a fresh store from its decorator.
          isolate: false,
          browser: { enabled: true, headless: true, provider: chromium(), instances: [{ browser: 'chromium' }] },
        },
      },
    ],
  },
});
