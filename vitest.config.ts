import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/browser/**', 'tests/e2e/**'],
          setupFiles: ['tests/setup.ts'],
          testTimeout: 60_000,
          pool: 'forks',
        },
      },
    ],
  },
});
