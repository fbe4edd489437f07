/**
 * Duplicate keys in JSON records: JSON.parse keeps the last value of a repeated key, so
 * `{"参保":"否",…,"参保":"是"}` silently paid. Node 20's JSON.parse gives no source text, so this
 * scans it. `hasDuplicateKeys` first asks a cheap question (see there) and scans only when needed.
 */

/**
 * Whether the record parsed from one JSONL `line` repeated a top-level key. Cheap test first: when
 * no key is followed by white space before its colon, each key in the text is followed by `":`,
 * so a line with exactly as many `":` as the object has keys cannot repeat one (string values or
 * nested objects holding `":` only make the count larger and force the scan).
 */
export function duplicateKeyOf(line: string, value: Record<string, unknown>): string | undefined {
  let count = 0;
  for (let k = line.indexOf('":'); k !== -1; k = line.indexOf('":', k + 2)) count++;
  if (count === Object.keys(value).length && !SPACED_COLON.test(line)) return undefined;
  return duplicateKeys(line).get(0);
}
const SPACED_COLON = /"\s+:/;

/**
 * The first repeated key of each record in a JSON text: the top-level object is record 0, the
 * objects directly inside a top-level array are records 0, 1, …. Nested objects are checked too
 * (reported on their record). The text is assumed to be valid JSON (JSON.parse has accepted it).
 */
export function duplicateKeys(text: string): Map<number, string> {
  const found = new Map<number, string>();
  // one entry per open container: the keys seen (objects) or null (arrays)
  const stack: (Set<string> | null)[] = [];
  let record = -1;
  let expectKey = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      let escaped = false;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d === 0x5c) {
          escaped = true;
          j++;
        } else if (d === 0x22) break;
      }
      if (expectKey) {
        const raw = text.slice(i, j + 1);
        const key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        const keys = stack[stack.length - 1]!;
        if (keys.has(key)) {
          if (!found.has(record)) found.set(record, key);
        } else keys.add(key);
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */) {
      if (stack.length === 0 || (stack.length === 1 && stack[0] === null)) record++;
      stack.push(new Set());
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      stack.push(null);
      expectKey = false;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      expectKey = stack[stack.length - 1] != null;
    }
  }
  return found;
}
