/**
 * One item inside a generated calculator: its ItemTable (rows after 参照, by identity) and the
 * labelled block that evaluates it for identity h on the calculator's locals (docs/语义.md §5).
 * Locals: v<s>/s<s> ledger slot value/touched for the current identity, a<k>/n<k> the item's
 * amount and 说明. a<k> = -1 inside the block means "skipped" until the block ends.
 * Checks no row of the item needs (单次限额, 年度限额, 定额, segments) are left out.
 */
import type { CheckedPolicy, CondIR, IdentityIR, ItemIR, RowIR } from "../ir.js";
import { cond, value, type ExprContext, type VisitGates } from "./expr.js";
import { constant, type Decl } from "./decls.js";
import { comment, commentText, data, int, lit, where } from "./text.js";
import { faultMark, JIAO_PAY, NO_FAULTS, type FaultSet } from "./faults.js";
import { groupCapClamp } from "./group-caps.js";

export interface ItemSlots {
  deductible: number; // -1 unless 起付线 按年
  segment: number; // -1 unless 分段 按年
  cap: number; // -1 unless some row has 年度限额
  groups: number[];
  once: number; // lifetime slot, -1 unless 每人一次
}

/** §5.1: the identity whose row applies to identity h for this item. */
export function rowIdentity(h: IdentityIR, item: ItemIR): string {
  return h.treatAs[item.name] ?? h.treatAs[item.calculator] ?? h.treatAs["*"] ?? h.name;
}

export function itemTableName(ci: number, k: number): string {
  return `ITEM${ci}_${k}`;
}

function capNotesName(ci: number, k: number): string {
  return `CAP_NOTES${ci}_${k}`;
}

/**
 * `已达年度限额 X` per identity, made once when the module loads: a cap binds on many claims of a
 * person late in the year, and building (or looking up) the text each time showed in profiles.
 */
export function capNotesTable(it: ItemIR, ci: number, k: number): Decl[] {
  if (!Object.values(it.rows).some((r) => r.kind === "params" && r.annualCap !== null)) return [];
  return [
    constant(
      capNotesName(ci, k),
      "readonly string[]",
      `${itemTableName(ci, k)}.rows.map((r) => (r !== null && r.未规定 !== true && r.年度限额 !== null ? annualCapNote(r.年度限额) : ""))`,
      comment(`${it.name} 达到年度限额时的说明，按身份序号`),
    ),
  ];
}

function itemFactsName(ci: number, k: number): string {
  return `ITEM_FACTS${ci}_${k}`;
}

function condName(ci: number, k: number, j: number): string {
  return `COND${ci}_${k}_${j}`;
}

/**
 * What 计算过程 needs beyond the item table (runtime/explain.ts ItemFacts) and each condition as
 * data, for the values a false condition was decided on. Read only when explain was asked.
 */
export function explainTables(it: ItemIR, ci: number, k: number): Decl[] {
  const facts = `{ name: ${lit(it.name)}, baseText: ${lit(it.baseText)}, deductibleYear: ${it.deductiblePeriod === "年"}, beforeDeductible: ${it.segmentBasis === "起付线前"} }`;
  return [
    constant(itemFactsName(ci, k), "ItemFacts", facts, comment(`${it.name}：计算过程用`)),
    ...it.conditions.map((c, j) =>
      constant(condName(ci, k, j), "ExplainCond", condData(c.cond), comment(`条件 ${c.text}：计算过程列出所比较的值`)),
    ),
  ];
}

/** A CondIR as a literal (its names as escaped string literals, never code). */
export function condData(c: CondIR): string {
  return data(c);
}

export function itemTable(p: CheckedPolicy, it: ItemIR, ci: number, k: number): Decl {
  const rows = p.identities.map((h) => {
    const r = rowIdentity(h, it);
    const ref = it.rows[r] ? `参数表[${lit(it.name)}][${lit(r)}]` : "null";
    return ref + "," + (r !== h.name ? " " + comment(`${h.name} 参照 ${r}`) : "");
  });
  const applies = appliesTo(p, it);
  const cites = p.identities.map(
    (h) => it.rows[rowIdentity(h, it)]?.source.citation || it.source.citation,
  );
  return constant(
    itemTableName(ci, k),
    "ItemTable",
    [
      "{",
      `name: ${lit(it.name)},`,
      comment("以下各表按身份序号（IDENTITIES）"),
      `rows: [\n${rows.join("\n")}\n],`,
      `rowIdentity: [${p.identities.map((h) => lit(rowIdentity(h, it))).join(", ")}],`,
      `applies: [${applies.join(", ")}],`,
      `cites: [${cites.map(lit).join(", ")}],`,
      "}",
    ].join("\n"),
  );
}

/** Per identity (IDENTITIES order): the item is for it, by name or through its 参照 row (对象). */
function appliesTo(p: CheckedPolicy, it: ItemIR): boolean[] {
  return p.identities.map((h) => it.identities.includes(h.name) || it.identities.includes(rowIdentity(h, it)));
}

type Params = Extract<RowIR, { kind: "params" }>;

/** The block evaluating item k for identity h. `earlier` maps earlier items to their index. */
export function itemBlock(
  cx0: Omit<ExprContext, "where"> & { visits: VisitGates },
  it: ItemIR,
  ci: number,
  k: number,
  s: ItemSlots,
  earlier: ReadonlyMap<string, number>,
  faults: FaultSet = NO_FAULTS,
): string {
  const p = cx0.policy;
  const file = p.meta.file;
  const t = itemTableName(ci, k);
  const label = `item${k}`;
  const skip = (note: string) => `{ n${k} = ${note}; break ${label}; }`;
  const rows = Object.values(it.rows).filter((r): r is Params => r.kind === "params");
  const any = (f: (r: Params) => boolean) => rows.some(f);
  const out: string[] = [
    comment(`救助项目 ${it.name}：${where(file, it.source)}`, ...it.notes.map((n) => "解释 " + n)),
    `${label}: {`,
  ];
  if (it.visitTypes !== null) {
    // the test does not depend on the identity: a local the calculator computes once per claim
    out.push(
      comment(`适用 ${it.visitTypes.join("、")}`),
      `if (!${cx0.visits.use(it.visitTypes)}) ${skip(lit("不适用：本项目适用于 " + it.visitTypes.join("、")))}`,
    );
  }
  const mine = appliesTo(p, it);
  if (!mine.every(Boolean)) {
    // the identities the item is for as bits (bit h = identity h, as HELD_BITS): a constant, not
    // three loads (the table, its applies list, the entry) per identity and claim
    const mask = mine.reduce((m, yes, h) => (yes ? m | (1 << h) : m), 0) >>> 0;
    out.push(
      comment(`对象 ${it.identities.join("、")}`),
      `if (((1 << h) & ${int(mask)}) === 0) ${skip("NOT_MINE[h]!")}`,
    );
  }
  // the earlier items' amounts, for the values a false condition compared (explain only)
  const itemsSeen = `{ ${[...earlier].map(([name, i]) => `${lit(name)}: a${i}`).join(", ")} }`;
  it.conditions.forEach((c, j) => {
    const cx: ExprContext = { ...cx0, where: `救助项目「${it.name}」的条件「${c.text}」`, items: earlier };
    const note =
      "不符合条件：" + c.text + (c.source.citation ? "（依据 " + c.source.citation + "）" : "");
    const facts = `condFacts(${condName(ci, k, j)}, { record: c, held: heldNames(HELD_BITS, IDENTITIES), items: ${itemsSeen} })`;
    out.push(
      comment(`条件 ${c.text}：${where(file, c.source)}`),
      `if (!${cond(cx, c.cond)}) {`,
      `n${k} = ${lit(note)};`,
      comment("计算过程：条件不成立时列出所比较的值（a 置 0：块后不再写不适用行）"),
      `if (x !== null) { x.push(conditionLine(${t}.name, ${lit(c.text)}, ${facts}, ${c.source.citation ? lit(c.source.citation) : `${t}.cites[h]!`})); a${k} = 0; }`,
      `break ${label};`,
      "}",
    );
  });
  if (s.once >= 0) out.push(comment("次数 每人一次"), `if (v${s.once} >= 1) ${skip("ONCE_NOTE")}`);
  const cx: ExprContext = { ...cx0, where: `救助项目「${it.name}」的基数「${it.baseText}」`, items: earlier };
  // §5.3 inline (runtime rowOf): the row after 参照; none → 0 with a reason; 未规定 → error
  out.push(
    `const row = ${t}.rows[h]!;`,
    `if (row === null) ${skip(`noRowNote(${t}.rowIdentity[h]!)`)}`,
    ...(Object.values(it.rows).some((r) => r.kind === "unspecified" && r.atMostBase)
      ? [
          comment("比例未规定的行：至多为基数，不能胜出时由所取身份决定（docs/语义.md §4）"),
          "if (row.未规定 === true) {",
          `if (row.至多基数 !== true) throw unspecifiedRowError(${t}, h);`,
          `let b = ${value(cx, it.base)};`,
          "if (b < 0) b = 0;",
          "ob = (ob < 0 ? 0 : ob) + b;",
          `if (openErr === undefined) openErr = unspecifiedRowError(${t}, h);`,
          `if (O${k} === undefined) O${k} = openRatioNote(IDENTITIES[h]!, ${t}.cites[h]!, b);`,
          `a${k} = 0;`,
          `if (x !== null) x.push(openRatioLine(${t}.name, openRatioNote(IDENTITIES[h]!, ${t}.cites[h]!, b)));`,
          `break ${label};`,
          "}",
        ]
      : [`if (row.未规定 === true) throw unspecifiedRowError(${t}, h);`]),
    "let base = 0;",
    "let d = 0;",
    "let p0 = 0;",
    "let a: number;",
    comment("计算过程：起作用的限额，各自的本年已用与剩余"),
    "let u: string | undefined;",
  );
  // §5.4–5.6: base, deductible, segments. A 定额 row skips all three (its base's fields are not
  // needed and no deductible is consumed), so the ratio path sits in its own block.
  const seg = s.segment >= 0 ? `v${s.segment}` : "0";
  const ratio = [
    comment(`基数 ${it.baseText}（不小于 0）`),
    `base = ${value(cx, it.base)};`,
    "if (base < 0) base = 0;",
    ...(s.deductible >= 0
      ? [
          comment("起付线 按年：扣今年尚未扣完的部分 min(基数, max(0, 起付线 − 已扣))"),
          `d = row.起付线 > v${s.deductible} ? row.起付线 - v${s.deductible} : 0;`,
          "if (d > base) d = base;",
          `v${s.deductible} += d;`,
          `s${s.deductible} = true;`,
        ]
      : [comment("起付线 按次"), "d = row.起付线 < base ? row.起付线 : base;"]),
    `p0 = ${seg};`,
    comment(
      `比例${s.segment >= 0 ? "，分段位置按年累计" : ""}：各段 部分×比例 精确求和，四舍五入一次`,
    ),
    ...payLines(s.segment, faults, rows.every(oneRatio), it.segmentBasis === "起付线前"),
    comment("金额为 0 时说明原因（基数为0、未超过起付线、比例为0或不足0.5分）"),
    `if (a === 0) n${k} = zeroNote(row, base, d, p0);`,
  ];
  if (any((r) => r.flat !== null)) {
    out.push(
      comment("定额（不用基数、不扣起付线），否则按比例/分段"),
      "if (row.定额 !== null) a = row.定额;",
      `else {\n${ratio.join("\n")}\n}`,
    );
  } else {
    out.push(...ratio);
  }
  out.push("const before = a;");
  // cap-ignored: none of the three clamps below is emitted (the counters are still charged)
  const caps = !faults.has("cap-ignored");
  if (!caps) out.push(faultMark("cap-ignored"));
  if (caps && it.bound !== undefined) {
    // 不超过 X: fields and constants only, read when the item pays (a record error if one is missing)
    const bx: ExprContext = { ...cx, where: `救助项目「${it.name}」的「不超过 ${it.boundText}」` };
    out.push(
      comment(`不超过 ${it.boundText}（不小于 0）`),
      "{",
      `let ub = ${value(bx, it.bound)};`,
      "if (ub < 0) ub = 0;",
      `if (a > ub) { a = ub; n${k} = boundNote(${lit(it.boundText ?? "")}, ub); if (x !== null) u = boundStep(u, ${lit(it.boundText ?? "")}, ub); }`,
      "}",
    );
  }
  if (caps && any((r) => r.perClaimCap !== null)) {
    out.push(
      comment("单次限额"),
      `if (row.单次限额 !== null && a > row.单次限额) { a = row.单次限额; n${k} = perClaimCapNote(row.单次限额); if (x !== null) u = capStep(u, capText("单次", a), undefined, a); }`,
    );
  }
  if (caps && s.cap >= 0) {
    out.push(
      comment("年度限额"),
      `if (row.年度限额 !== null) {`,
      `const room = row.年度限额 > v${s.cap} ? row.年度限额 - v${s.cap} : 0;`,
      `if (a > room) { a = room; n${k} = ${capNotesName(ci, k)}[h]!; if (x !== null) u = capStep(u, capText("年度", row.年度限额), v${s.cap}, room); }`,
      "}",
    );
  }
  if (caps) it.capGroups.forEach((_, i) => out.push(...groupCapClamp(p, it, ci, k, i, s.groups[i]!)));
  // Counters are charged with the FINAL amount, after every cap (docs/语义.md §5.7).
  if (s.cap >= 0) out.push(`if (row.年度限额 !== null) { v${s.cap} += a; s${s.cap} = true; }`);
  it.capGroups.forEach((_, i) => out.push(`v${s.groups[i]!} += a; s${s.groups[i]!} = true;`));
  if (s.once >= 0) out.push(`if (a > 0) { v${s.once} += 1; s${s.once} = true; }`);
  out.push(
    `a${k} = a;`,
    `if (x !== null) x.push(payLine(${itemFactsName(ci, k)}, IDENTITIES[h]!, ${t}.rowIdentity[h]!, row, base, d, ${s.deductible >= 0 ? `v${s.deductible} - d` : "0"}, p0, before, u, a, n${k}, ${t}.cites[h]!));`,
    "}",
    `if (a${k} < 0) {`,
    `a${k} = 0;`,
    `if (x !== null) x.push(skipLine(${t}.name, n${k}!, ${t}.cites[h]!));`,
    "}",
  );
  return out.join("\n");
}

/** A row paying one ratio on the whole base: segments = [0, ∞) (定额 rows pay no ratio). */
const oneRatio = (r: Params): boolean =>
  r.flat !== null || (r.segments.length === 1 && r.segments[0]!.from === 0 && r.segments[0]!.to === null);

/**
 * The ratio payment and the segment position; faults swap in their wrong versions. When every
 * row has one ratio from 0, segmentsPay reduces to one exact product, written out (runtime
 * mulRatio: part = q·10000 + r, q·bp + r·bp/10000 rounded half-up once).
 */
function payLines(segment: number, faults: FaultSet, single: boolean, beforeD = false): string[] {
  let net = "base - d";
  // 分段 起付线后 (default): the net base sits at [p0, p0 + net). 起付线前: thresholds count the
  // base before the deductible, the claim covers [p0, p0 + base) and the deductible its bottom.
  const span = (n: string) => (beforeD ? [`p0 + base - (${n})`, "p0 + base"] : ["p0", `p0 + ${n}`]);
  const out: string[] = [];
  if (single && !faults.has("round-jiao") && !faults.has("deductible-twice")) {
    out.push(
      "{",
      "const part = base - d;",
      "const bp = row.分段[0]!.比例;",
      // part = q·10000 + r, a = q·bp + ⌊(r·bp + 5000) / 10000⌋ (runtime mulRatio). While part
      // fits an int32 (below 2147万元) both are int32 divisions by the constant 10000, which
      // TurboFan turns into a multiply and shifts: a double division and its floor were the
      // longest chain of a claim. r·bp + 5000 < 2^31 (ratios are at most 100%, check-values;
      // the bound would hold to 2000%) and q·bp is an exact product. Larger parts: part × bp is
      // exact below 2^53; below 2^50 the quotient is under 2^37, where a double's spacing
      // (≤ 2^-15) is finer than the 1/10000 steps, so floor of the division is exact (half-up:
      // + 5000). Past it, the split form on doubles; `%` on doubles is a C call.
      "if (part <= 2147483647) {",
      "const q = (part / 10000) | 0;",
      "a = q * bp + ((((part - q * 10000) * bp + 5000) / 10000) | 0);",
      "} else {",
      "const pb = part * bp;",
      "if (pb <= 1125899906842624) a = Math.floor((pb + 5000) / 10000);",
      "else {",
      "const r = part % 10000;",
      "const f = r * bp;",
      "const fr = f % 10000;",
      "a = ((part - r) / 10000) * bp + (f - fr) / 10000 + (fr >= 5000 ? 1 : 0);",
      "}",
      "}",
      "}",
    );
    if (segment >= 0) out.push(`v${segment} = ${span("base - d")[1]};`, `s${segment} = true;`);
    return out;
  }
  if (faults.has("deductible-twice")) {
    out.push(faultMark("deductible-twice"), "const net = base - d - d > 0 ? base - d - d : 0;");
    net = "net";
  }
  let pay = "segmentsPay";
  if (faults.has("round-jiao")) {
    out.push(faultMark("round-jiao"));
    pay = JIAO_PAY;
  }
  const [lo, hi] = span(net);
  out.push(`a = ${pay}(row.分段, ${lo}, ${hi});`);
  if (segment >= 0) out.push(`v${segment} = ${hi};`, `s${segment} = true;`);
  return out;
}

/** Ledger slots of a calculator's items (used first, lifetime after), in item order. */
export function planSlots(
  items: ItemIR[],
  extraUsed: string[],
): { used: string[]; life: string[]; items: ItemSlots[]; extra: number[] } {
  const used: string[] = [];
  const life: string[] = [];
  const u = (key: string): number => {
    const i = used.indexOf(key);
    return i >= 0 ? i : used.push(key) - 1;
  };
  const slots = items.map((it) => ({
    deductible: it.deductiblePeriod === "年" ? u("起付线:" + it.name) : -1,
    segment:
      it.segmentPeriod === "年" &&
      Object.values(it.rows).some((r) => r.kind === "params" && r.flat === null)
        ? u("分段:" + (it.segmentShare ?? it.name))
        : -1,
    cap: Object.values(it.rows).some((r) => r.kind === "params" && r.annualCap !== null)
      ? u("限额:" + it.name)
      : -1,
    groups: it.capGroups.map((g) => u("限额组:" + g)),
    once: -1,
  }));
  const extra = extraUsed.map(u);
  items.forEach((it, k) => {
    if (it.oncePerPerson) slots[k]!.once = used.length + life.push("次数:" + it.name) - 1;
  });
  return { used, life, items: slots, extra };
}
