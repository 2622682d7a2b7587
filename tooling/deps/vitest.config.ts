import { defineConfig } from 'vitest/config';

// Only this package's tests: the fixtures hold files named like tests that are there to be cruised.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 60_000 } });
