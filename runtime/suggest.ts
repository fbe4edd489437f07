/**
 * Near-miss suggestions (您是否想写「…」？), shared by the checker (unknown names) and record
 * validation (a text value outside its field's 取值 清单). Lives in runtime/ because compiled
 * modules validate records and runtime/ imports nothing outside itself.
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

/**
 * The closest candidate within `limit` edits (default: a third of the name, at least one).
 * Ties go to the earliest candidate, i.e. declaration order.
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
  return best;
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
