/**
 * An independent evaluator for the 算式 written beside example cases (policies/<地区>/例/*.csv): decimal numbers, `%`,
 * + - * /, parentheses, min(…), max(…). Exact rationals in bigint; the final value is rounded
 * half-up to 分. Deliberately shares nothing with runtime/ or the interpreter.
 */
type Q = { n: bigint; d: bigint };

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};
const q = (n: bigint, d: bigint): Q => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};
const add = (a: Q, b: Q) => q(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Q, b: Q) => q(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Q, b: Q) => q(a.n * b.n, a.d * b.d);
const div = (a: Q, b: Q) => q(a.n * b.d, a.d * b.n);
const cmp = (a: Q, b: Q) => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};

export function evaluateArithmetic(src: string): Q {
  const tokens = src.match(/\d+(?:\.\d+)?|min|max|[-+*/%(),]/g) ?? [];
  if (tokens.join("") !== src.replace(/\s+/g, "")) throw new Error(`算式含无法识别的内容：${src}`);
  let i = 0;
  const peek = () => tokens[i];
  const take = (t?: string) => {
    const x = tokens[i++];
    if (t !== undefined && x !== t) throw new Error(`算式「${src}」第${i}个记号应为 ${t}`);
    return x;
  };
  const expr = (): Q => {
    let v = term();
    while (peek() === "+" || peek() === "-") v = take() === "+" ? add(v, term()) : sub(v, term());
    return v;
  };
  const term = (): Q => {
    let v = factor();
    while (peek() === "*" || peek() === "/") v = take() === "*" ? mul(v, factor()) : div(v, factor());
    return v;
  };
  const factor = (): Q => {
    let v = atom();
    while (peek() === "%") {
      take();
      v = div(v, q(100n, 1n));
    }
    return v;
  };
  const atom = (): Q => {
    const t = take();
    if (t === "-") return sub(q(0n, 1n), atom());
    if (t === "(") {
      const v = expr();
      take(")");
      return v;
    }
    if (t === "min" || t === "max") {
      take("(");
      const args = [expr()];
      while (peek() === ",") {
        take();
        args.push(expr());
      }
      take(")");
      return args.reduce((a, b) => ((cmp(a, b) < 0) === (t === "min") ? a : b));
    }
    if (t !== undefined && /^\d/.test(t)) {
      const [int, frac = ""] = t.split(".");
      return q(BigInt(int + frac), 10n ** BigInt(frac.length));
    }
    throw new Error(`算式「${src}」在第${i}个记号处无法解析`);
  };
  const v = expr();
  if (i !== tokens.length) throw new Error(`算式「${src}」有多余内容`);
  return v;
}

/** Half-up to 分, as a 2-decimal string. Golden amounts are never negative. */
export function toYuanString(v: Q): string {
  const fen100 = v.n * 100n;
  let fen = fen100 / v.d;
  if ((fen100 % v.d) * 2n >= v.d) fen += 1n;
  const s = fen.toString().padStart(3, "0");
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}
