import { defineConfig } from 'vitest/config';

/** Shared by `npm test` and `npm run test:load` (vitest.load.config.ts). */
export const common = { testTimeout: 30_000, hookTimeout: 30_000 };

export default defineConfig({
  test: {
    ...common,
    include: ['tests/**/*.test.ts'],
    // The soak takes minutes on its own and would push `npm test` past its budget: `npm run test:load` runs it.
    exclude: ['tests/load/**', '**/node_modules/**'],
  },
});
