import { defineConfig } from 'vitest/config';
import { common } from './vitest.config.ts';

/** `npm run test:load`: the bot under sustained load, kept out of `npm test` for its running time. */
export default defineConfig({
  test: {
    ...common,
    include: ['tests/load/**/*.test.ts'],
  },
});
