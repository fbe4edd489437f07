/**
 * The one near-miss helper of the project (您是否想写「…」？): policy names (compiler/suggest.ts),
 * identity names and record keys (runtime/claims.ts, runtime/claim-keys.ts), text values outside
 * a field's 取值 清单, and CLI commands all suggest through it. Lives in runtime/ because compiled
 * output folders carry runtime/ but never compiler/.
 */
/** Levenshtein distance over code points (a CJK character is one edit, not two). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[y.length]!;
}

/** Length in code points. */
export function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * The candidate `given` most plausibly misspells, by the rule for record keys and commands:
 * within edit distance 1 (2 when the candidate has ≥ 5 characters), or `given` contains the
 * candidate (`就医地点` → 就医地). Closest wins; ties go to the earliest candidate, then the longest
 * contained one (`参保类型x` → 参保类型, not 参保).
 */
export function nearMiss(given: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    if (c === given || c === "") continue;
    const d = editDistance(given, c);
    const limit = codePoints(c) >= 5 ? 2 : 1;
    // containment ranks after any true near miss; a longer contained name is the better guess
    const score = d <= limit ? d : given.includes(c) ? 10 - Math.min(codePoints(c), 9) / 10 : Infinity;
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The closest candidate within `limit` edits (default: a third of the name, at least one), else
 * the first candidate the name is a prefix of. Ties go to the earliest candidate, i.e. declaration order.
 */
export function closest(name: string, candidates: Iterable<string>, limit?: number): string | undefined {
  const len = [...name].length;
  const max = limit ?? Math.max(1, Math.floor(len / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(name, c);
    if (d <= max && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best ?? prefixOf(name, candidates);
}

/**
 * A name cut short (`低保` for 低保对象) is many edits away but plainly meant: the first candidate
 * that starts with it, for names of at least two characters (one character prefixes too much).
 */
export function prefixOf(name: string, candidates: Iterable<string>): string | undefined {
  if (codePoints(name) < 2) return undefined;
  for (const c of candidates) if (c !== name && c.startsWith(name)) return c;
  return undefined;
}

/**
 * A record's text value close to a vocabulary word: up to half its characters differ (at least
 * one). Looser than for names in the policy, because a record's wording drifts more
 * (「交通事故」 for 交通肇事, 「酒后闹事」 for 酗酒闹事): such a value must be an error with a
 * suggestion, never silently 其他.
 */
export function closeWord(value: string, words: Iterable<string>): string | undefined {
  return closest(value, words, Math.max(1, Math.floor([...value].length / 2)));
}
