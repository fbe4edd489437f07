/**
 * Warnings from the caches (module-cache.ts, checked-cache.ts). A cache only saves time: a bad or
 * unusable one is never an error, but it is never silent either — each distinct problem is said
 * once per run on stderr (the CLI points the sink at its own stderr), and the work is done fresh.
 */

type Sink = (line: string) => void;

let sink: Sink = (line) => void process.stderr.write(line + "\n");
const said = new Set<string>();

/** Says `message` (prefixed 警告：) unless a warning with this key was already said. */
export function cacheWarning(key: string, message: string): void {
  if (said.has(key)) return;
  said.add(key);
  sink(`警告：${message}`);
}

/** Where warnings go from now on (returns the previous sink); a new run may repeat them. */
export function setCacheWarningSink(next: Sink): Sink {
  const previous = sink;
  sink = next;
  said.clear();
  return previous;
}
