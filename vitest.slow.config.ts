import { defineConfig } from "vitest/config";

/** `npm run test:slow`: browser, pack-and-install and large-input tests, run by .ci/run after npm test. */
export default defineConfig({
  test: {
    include: ["test/slow/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: "forks",
  },
});
