import { defineConfig } from "vitest/config";

// Slow tests (npm run test:slow, run by .ci/run after npm test): large policies, long runs.
export default defineConfig({
  test: {
    include: ["test/slow/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 900_000,
    hookTimeout: 900_000,
    pool: "forks",
  },
});
