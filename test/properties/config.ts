/**
 * Run counts for the property suite. The defaults keep `npm test` fast on a 2-core CI box;
 * `JIUZHU_DEEP=1` (npm run test:deep) multiplies every count by 10 for a longer run by hand.
 * `JIUZHU_SEED=<n>` replays one run (fast-check prints the seed of a failure).
 */
export const DEEP = process.env.JIUZHU_DEEP === "1";
const FACTOR = DEEP ? 10 : 1;
const SEED = process.env.JIUZHU_SEED === undefined ? undefined : Number(process.env.JIUZHU_SEED);

/** fast-check parameters for `base` runs (scaled in deep mode). */
export function runs(base: number): { numRuns: number; seed?: number } {
  return SEED === undefined ? { numRuns: base * FACTOR } : { numRuns: base * FACTOR, seed: SEED };
}

/** The differential must cover at least this many claims per policy, in npm test already. */
export const DIFFERENTIAL_CLAIMS = 10_000 * FACTOR;
