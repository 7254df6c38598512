import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    // Server-backed tests start real Radicale, Xandikos and Chromium processes.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
