import { defineConfig } from "vitest/config";

/** `npm run test:slow`: browser, pack-and-install and large-input tests, run by .ci/run after npm test. */
export default defineConfig({
  test: {
    include: ["test/slow/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // a 1000-item policy compiles in under a minute alone, several times that on a shared machine
    testTimeout: 900_000,
    hookTimeout: 900_000,
    pool: "forks",
    // one file at a time: package.test.ts rebuilds dist/ (npm pack → prepack) while other files
    // run the built CLI from it, and the browser tests want the machine to themselves
    fileParallelism: false,
  },
});
