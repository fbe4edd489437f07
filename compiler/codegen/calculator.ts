/**
 * One calculator → one specialised function (docs/语义.md §1–7). The ledger keys it can touch are
 * known statically, so they live in locals for the whole claim: l<s> as read (0 for absent),
 * v<s>/s<s> for the identity being evaluated (value/touched),
 * w<s>/k<s> for the best identity so far. Claim fields are read once into f<i>. Item amounts:
 * a<k>/n<k> current, A<k>/N<k> best. Nothing is allocated except the outcome itself, and the hot
 * path is arithmetic written out in place: a calculator is too large a function for TurboFan to
 * inline runtime helpers into (its inlining budget runs out), so helpers are for the cold paths.
 * Ledger keys are plain-object properties; the commit (generated commitUsed) gives `used` every key
 * of the policy at 0 from one object literal (newUsed), so all ledgers of the module share one
 * hidden class and these constant-key accesses hit inline caches; it writes only changed keys.
 * The identities a claim holds are the bits of the local HELD_BITS (at most 31 identities, JZ2013).
 * With `o` (evaluateInto) the result goes into the caller's reused OutcomeInto instead of a new
 * Outcome.
 */
import { MAIN_CALCULATOR, type CalculatorIR, type ItemIR } from "../ir.js";
import { cond, FieldLocals, ListGates, VisitGates, type ExprContext } from "./expr.js";
import { constant, fn, type Decl } from "./decls.js";
import { capNotesTable, condData, explainTables, itemBlock, itemTable, itemTableName, planSlots } from "./item.js";
import { groupCapTables } from "./group-caps.js";
import { allOf, comment, lit, safeName, where } from "./text.js";
import { faultMark, type FaultSet } from "./faults.js";
import { inputCheckDecls, inputChecks } from "./input-checks.js";

export type ModuleContext = Omit<ExprContext, "where"> & { faults: FaultSet };

/** The calculator's items and the `used` keys it touches (planSlots order). */
function calculatorSlots(p: ModuleContext["policy"], calc: CalculatorIR) {
  const items: ItemIR[] = calc.items.map((name) => p.items.find((i) => i.name === name)!);
  const warnings = calc.name === MAIN_CALCULATOR ? p.warnings : [];
  const slots = planSlots(
    items,
    warnings.map((w) => "累计:" + w.name),
  );
  return { items, warnings, slots };
}

/**
 * Every `used` key any calculator of the policy can write, in one fixed order: the generated
 * newUsed creates them all (at 0, which means absent) so every ledger of the module shares one
 * hidden class and constant-key reads and writes hit their inline caches.
 */
export function policyUsedKeys(p: ModuleContext["policy"]): string[] {
  const keys: string[] = [];
  for (const calc of p.calculators)
    for (const k of calculatorSlots(p, calc).slots.used) if (!keys.includes(k)) keys.push(k);
  return keys;
}

/** The exported function name of a calculator: 计算<name> when the name is plainly safe. */
export function calculatorFunctionName(calc: CalculatorIR, index: number): string {
  return safeName(calc.name) ? "计算" + calc.name : "calculator" + index;
}

const FIELDS = "/* field locals */";
// the loop over held identities: the per-item functions of a large calculator go before it
const LOOP = "for (let m = HELD_BITS; m !== 0; m &= m - 1) {";
/**
 * Above this many items a calculator evaluates each item in its own function: TypeScript's
 * control-flow analysis of one function holding every item's labelled block grows faster than
 * the item count and overflows the stack near 250 items. Below it, one function is faster.
 */
export const SPLIT_ITEMS = 16;

/**
 * Statements grouped SPLIT_ITEMS to a function (`name<i>`): the declarations and the calls. Each
 * read of a local makes TypeScript walk back over the assignments before it in the same function,
 * so a function holding one statement per item would cost the checker items² steps.
 */
function grouped(name: string, stmts: string[], params = "", args = ""): { decls: string[]; calls: string[] } {
  const decls: string[] = [];
  const calls: string[] = [];
  for (let i = 0; i * SPLIT_ITEMS < stmts.length; i++) {
    const part = stmts.slice(i * SPLIT_ITEMS, (i + 1) * SPLIT_ITEMS);
    decls.push(`const ${name}${i} = (${params}): void => {\n${part.join("\n")}\n};`);
    calls.push(`${name}${i}(${args});`);
  }
  return { decls, calls };
}
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export function calculatorDecls(mc: ModuleContext, calc: CalculatorIR, ci: number): Decl[] {
  const p = mc.policy;
  const file = p.meta.file;
  const { items, warnings, slots } = calculatorSlots(p, calc);
  const shaped = policyUsedKeys(p).length > 0;
  const nSlots = slots.used.length + slots.life.length;
  const S = range(nSlots);
  // slots the items touch get a per-identity copy v/s; the others (预警 累计) only w/k
  const V = S.filter((s) =>
    slots.items.some((i) => [i.deductible, i.segment, i.cap, i.once, ...i.groups].includes(s)),
  );
  const K = range(items.length);
  const excl = p.exclusions.filter((e) => e.calculator === calc.name);
  const key = (s: number) =>
    s < slots.used.length ? slots.used[s]! : slots.life[s - slots.used.length]!;

  // many items: one function each, so no single function's control flow grows with the policy
  const split = items.length > SPLIT_ITEMS;
  const line = (k: number) => {
    const head = `项目: ${lit(items[k]!.name)}, 金额: A${k}, 依据: ${itemTableName(ci, k)}.cites[win]!`;
    return `N${k} === undefined ? { ${head} } : { ${head}, 说明: N${k} }`;
  };
  // per-item and per-slot statements; split: grouped into closures so no function holds them all
  const keepSlot = (s: number) => `w${s} = v${s};\nk${s} = s${s};`;
  const keepItem = (k: number) => `A${k} = a${k};\nN${k} = n${k};`;
  const intoItem = (k: number) => `o.项目金额[${k}] = A${k};\no.说明[${k}] = N${k};`;
  // against l (a number; 0 = absent): comparing with r (number | undefined) is a generic,
  // slow equality in optimised code, and writing an unchanged 0 adds nothing
  const writeSlot = (s: number) =>
    `if (k${s} && w${s} !== l${s}) ${s < slots.used.length ? "u" : "ledger.lifetime"}[${lit(key(s))}] = w${s};`;
  const reset = grouped("resetItems", [
    ...V.map((s) => `v${s} = l${s};\ns${s} = false;`),
    ...K.map((k) => `a${k} = -1;\nn${k} = undefined;`),
  ]);
  const run = grouped("runItems", K.map((k) => `runItem${k}(h);`), "h: number", "h");
  const sumUp = grouped("sumItems", K.map((k) => `tt += a${k};`));
  const keep = grouped("keepItems", [...V.map(keepSlot), ...K.map(keepItem)]);
  const fill = grouped("fillLines", K.map((k) => `lines.push(${line(k)});`), "lines: ItemLine[]", "lines");
  const into = grouped("fillInto", K.map(intoItem), "o: OutcomeInto", "o");
  const writeBack = grouped("writeBack", S.map(writeSlot));
  const faults = mc.faults;
  const sum = faults.has("sum-identities");
  // a row whose only open cells are 比例 (docs/语义.md §4): the bookkeeping is emitted only then
  const open = items.some((it) => Object.values(it.rows).some((r) => r.kind === "unspecified" && r.atMostBase));
  // every rule of the calculator reads claim fields through locals loaded once (declared below)
  const fields = new FieldLocals();
  const visits = new VisitGates(fields);
  const lists = new ListGates(fields);
  const cx0 = { ...mc, fields, visits, lists };
  const checks = inputChecks(p, ci, fields);
  const body: string[] = [
    FIELDS,
    ...checks.stmts,
    "const same = ledger.year === year;",
    comment(
      "台账：本计算器读写的键，每条记录读一次（l；不存在按 0），",
      "成功后只写回胜出身份改变了的键",
    ),
    ...(slots.used.length > 0 ? ["const used = ledger.used;"] : []),
    ...(slots.life.length > 0 ? ["const lifetime = ledger.lifetime;"] : []),
    ...S.map((s) =>
      s < slots.used.length
        ? `const l${s} = same ? (used[${lit(key(s))}] ?? 0) : 0;`
        : `const l${s} = lifetime[${lit(key(s))}] ?? 0;`,
    ),
    "const HELD_BITS = heldIdentities(c, x, D);",
    comment("持有的身份数：0、1，或 2（不止一个）"),
    "const n = HELD_BITS === 0 ? 0 : (HELD_BITS & (HELD_BITS - 1)) === 0 ? 1 : 2;",
    ...(open ? ["let openBits = 0;"] : []),
    comment("胜出身份（就高不重复：合计最大者，相同时取先声明者）的台账与明细"),
    "let win = -1;",
    "let total = 0;",
    ...S.map((s) => `let w${s} = l${s};\nlet k${s} = false;`),
    ...K.map((k) => `let A${k} = 0;\nlet N${k}: string | undefined;`),
    // lines stays unassigned when the result goes into o (evaluateInto)
    "let lines!: ItemLine[];",
    "if (o !== null) {\no.预警数 = 0;\no.预警跳过数 = 0;\n}",
    comment("不予救助：第一条成立的"),
    "let ex = -1;",
    ...excl.map((e, i) => {
      const cx: ExprContext = { ...cx0, where: `不予救助「${e.text}」` };
      return `${comment(`不予救助 ${e.text}：${where(file, e.source)}`)}\n${i ? "else " : ""}if (${cond(cx, e.when)}) ex = ${i};`;
    }),
    ...(excl.length > 0
      ? [
          comment("计算过程：测试过的不予救助（至第一条成立的），各列所比较的值"),
          `if (x !== null) exclusionLines(x, EXCLUSION_FACTS${ci}, ex, { record: c, held: heldNames(HELD_BITS, IDENTITIES) });`,
        ]
      : []),
    "if (ex >= 0) {",
    `const e = EXCLUSIONS${ci}[ex]!;`,
    `if (o === null) lines = zeroLines(ITEMS${ci}, e.cite, e.note);`,
    `else zeroInto(o, ITEMS${ci}, e.cites, e.note);`,
    "} else if (n === 0) {",
    `if (o === null) lines = zeroLines(ITEMS${ci}, ITEM_CITES${ci}, NO_IDENTITY_NOTE);`,
    `else zeroInto(o, ITEMS${ci}, ITEM_CITES${ci}, NO_IDENTITY_NOTE);`,
    `if (x !== null) x.push(noIdentityLine(${lit(calc.source.citation)}));`,
    "} else {",
    "let best = -1;",
    ...(open
      ? [
          comment("比例未规定而至多为基数的身份：不参与胜出；其上界超过胜出者时仍为未规定"),
          "let openErr: RecordError | undefined;",
          "let openMax = -1;",
          ...K.map((k) => `let O${k}: string | undefined;`),
        ]
      : []),
    ...(sum ? [faultMark("sum-identities"), "let sum = 0;"] : []),
    // held identities in declaration order: the set bits of HELD_BITS, lowest first
    LOOP,
    "const h = 31 - Math.clz32(m & -m);",
    // only policies with an identity whose treatment is 未规定 need the check
    ...(p.identities.some((h) => h.unspecified)
      ? ['if (UNSPECIFIED[h] !== "") throw new RecordError(UNSPECIFIED[h]!);']
      : []),
    "if (x !== null) x.push(identityLine(IDENTITIES[h]!));",
    ...(split
      ? [...reset.calls, ...run.calls]
      : [
          ...V.map((s) => `let v${s} = l${s};\nlet s${s} = false;`),
          ...K.map((k) => `let a${k} = -1;\nlet n${k}: string | undefined;`),
        ]),
    // ob: the open (未规定 比例) bound of this identity; in split mode declared above the loop
    ...(open ? [split ? "ob = -1;" : "let ob = -1;"] : []),
  ];
  const earlier = new Map<string, number>();
  const blocks = items.map((it, k) => {
    const block = itemBlock(cx0, it, ci, k, slots.items[k]!, earlier, faults);
    earlier.set(it.name, k);
    return block;
  });
  if (split) {
    // the item functions close over the per-identity locals, declared once per claim above the loop
    body.splice(
      body.indexOf(LOOP),
      0,
      comment(`项目多于 ${SPLIT_ITEMS} 个：每个项目一个函数，逐项的记账也按 ${SPLIT_ITEMS} 项一组放进函数`),
      ...V.map((s) => `let v${s} = 0;\nlet s${s} = false;`),
      ...K.map((k) => `let a${k} = -1;\nlet n${k}: string | undefined;`),
      "let tt = 0;",
      ...(open ? ["let ob = -1;"] : []),
      ...blocks.map((b, k) => `const runItem${k} = (h: number): void => {\n${b}\n};`),
      ...reset.decls,
      ...run.decls,
      ...sumUp.decls,
      ...keep.decls,
      ...fill.decls,
      ...into.decls,
    );
  } else body.push(...blocks);
  body.push(
    ...(split
      ? ["tt = 0;", ...sumUp.calls, "const t = tt;"]
      : [`const t = ${K.map((k) => `a${k}`).join(" + ") || "0"};`]),
    "TOTALS[h] = t;",
    ...(sum ? [faultMark("sum-identities"), "sum += t;"] : []),
    `if (x !== null) x.push(identityTotalLine(${lit(calc.resultField)}, t));`,
    ...(open ? ["if (ob >= 0) {", "if (t + ob > openMax) openMax = t + ob;", "openBits |= 1 << h;", "} else"] : []),
    "if (t > best) {",
    "best = t;",
    "win = h;",
    ...(split ? keep.calls : [...V.map(keepSlot), ...K.map(keepItem)]),
    "}",
    "}",
    ...(open
      ? [
          "if (openErr !== undefined) {",
          "if (win < 0 || openMax > best) throw openErr;",
          ...K.map((k) => `if (O${k} !== undefined) N${k} = N${k} === undefined ? O${k} : N${k} + "；" + O${k};`),
          "}",
        ]
      : []),
    ...(sum ? [faultMark("sum-identities"), "total = sum;"] : ["total = best;"]),
    // object literals of two fixed shapes (说明 only when there is one), no helper call
    "if (o === null) {",
    ...(split ? ["lines = [];", ...fill.calls] : [`lines = [${K.map(line).join(", ")}];`]),
    "} else {",
    `o.项目数 = ${K.length};`,
    `o.项目 = ITEMS${ci};`,
    `o.依据 = WIN_CITES${ci}[win]!;`,
    ...(split ? into.calls : K.map(intoItem)),
    "}",
    `if (x !== null && n > 1) x.push(highestLine(IDENTITIES[win]!, best, otherIdentities(${open ? "HELD_BITS & ~openBits" : "HELD_BITS"}, TOTALS, win, IDENTITIES), ${lit(p.multiIdentity.citation)}));`,
    "}",
  );
  body.push("let warnings: WarningLine[] | undefined;");
  if (warnings.length > 0) body.push("let skipped: string[] | undefined;");
  warnings.forEach((wn, i) => {
    const s = slots.extra[i]!;
    const cx: ExprContext = { ...cx0, where: `预警「${wn.name}」的条件`, yearTotal: `w${s}` };
    const counted = wn.countVisitTypes.length > 0 ? visits.use(wn.countVisitTypes) : "false";
    const got = `q${s}`;
    const hit = [
      `const hit${i} = ${cond(cx, wn.when)};`,
      `if (x !== null) x.push(warningLine(${lit(wn.name)}, ${lit(wn.countField)}, w${s}, hit${i}, ${lit(wn.source.citation)}));`,
      `if (hit${i}) {`,
      `if (o !== null) warnInto(o, ${lit(wn.name)}, ${lit(wn.countField)}, w${s}, ${lit(wn.source.citation)});`,
      "else {",
      `const w: WarningLine = { 名称: ${lit(wn.name)}, 统计字段: ${lit(wn.countField)}, 年度累计: w${s}, 依据: ${lit(wn.source.citation)} };`,
      // a literal array, not [] then push: push would grow the empty array's backing store
      "if (warnings === undefined) warnings = [w];",
      "else warnings.push(w);",
      "}",
      "}",
    ];
    body.push(
      comment(
        `预警 ${wn.name}：${where(file, wn.source)}（不论身份与不予救助都统计「${wn.countField}」；`,
        "记录缺此字段则本条预警跳过：不统计、不判断，不是记录错误）",
      ),
      `const ${got} = ${counted} ? ${fields.use(wn.countField)} : 0;`,
      `if (${got} === undefined) {`,
      `if (o !== null) skipWarningInto(o, ${lit(wn.name)});`,
      `if (x !== null) x.push(warningSkippedLine(${lit(wn.name)}, ${lit(wn.countField)}, ${lit(wn.source.citation)}));`,
      `else if (skipped === undefined) skipped = [${lit(wn.name)}];`,
      `else skipped.push(${lit(wn.name)});`,
      "} else {",
      `if (${counted}) {`,
      `w${s} += ${got};`,
      `k${s} = true;`,
      "}",
      ...hit,
      "}",
    );
  });
  const commit = !faults.has("ledger-not-updated");
  body.push(
    comment("合计或台账累计超出 2^53 分则不能精确计算：本条记为错误，台账不变"),
    `if (!(${allOf(["total <= MAX_SAFE_FEN", ...S.map((s) => `w${s} <= MAX_SAFE_FEN`)])})) throw new RecordError(TOO_LARGE_MESSAGE);`,
    comment("记账：年度切换、lastDate，然后写回胜出身份用过的键"),
    ...(commit
      ? [`const u = ${shaped ? "commitUsed" : "commitYear"}(ledger, year, ${checks.date});`]
      : [faultMark("ledger-not-updated"), `${shaped ? "commitUsed" : "commitYear"}(ledger, year, ${checks.date});`]),
    ...(commit ? (split ? [...writeBack.decls, ...writeBack.calls] : S.map(writeSlot)) : []),
    "if (o !== null) {",
    "o.ok = true;",
    'o.错误 = "";',
    "o.金额 = total;",
    "o.适用身份 = win >= 0 ? IDENTITIES[win]! : undefined;",
    // 其他身份 only when several were evaluated: one identity (the usual claim) needs no call
    `if (n > 1) othersInto(o, ${open ? "HELD_BITS & ~openBits" : "HELD_BITS"}, TOTALS, win, IDENTITIES, n);`,
    "else o.其他数 = 0;",
    "return undefined;",
    "}",
    // 其他身份 only exist when more than one identity was evaluated
    `const others = n > 1 ? otherIdentities(${open ? "HELD_BITS & ~openBits" : "HELD_BITS"}, TOTALS, win, IDENTITIES) : [];`,
    // the common outcomes as literals of fixed shapes (same keys, same order as success)
    `if (x === null && warnings === undefined${warnings.length > 0 ? " && skipped === undefined" : ""}) {`,
    "if (win >= 0) return { ok: true, 金额: total, 明细: lines, 其他身份: others, 适用身份: IDENTITIES[win]! };",
    "return { ok: true, 金额: total, 明细: lines, 其他身份: others };",
    "}",
    `return success(total, lines, win >= 0 ? IDENTITIES[win] : undefined, others, warnings, x${warnings.length > 0 ? ", skipped" : ""});`,
  );
  // the field locals are known only now that every rule has been generated
  // (visit gates read field locals, so they come after them)
  body.splice(body.indexOf(FIELDS), 1, ...fields.decls(p.fields.map((f) => f.name)), ...visits.decls(), ...lists.decls());

  const name = calculatorFunctionName(calc, ci);
  const lead = comment(
    `计算器 ${calc.name}（结果 ${calc.resultField}）：${where(file, calc.source)}`,
  );
  return [
    ...inputCheckDecls(p, ci),
    ...items.flatMap((it, k) => [
      itemTable(p, it, ci, k),
      ...capNotesTable(it, ci, k),
      ...groupCapTables(p, it, ci, k),
      ...explainTables(it, ci, k),
    ]),
    constant(
      `ITEMS${ci}`,
      "readonly string[]",
      `[${items.map((i) => lit(i.name)).join(", ")}]`,
      comment(`${calc.name} 的项目，按计算顺序`),
    ),
    constant(
      `ITEM_CITES${ci}`,
      "readonly string[]",
      `[${items.map((i) => lit(i.source.citation)).join(", ")}]`,
    ),
    constant(
      `EXCLUSIONS${ci}`,
      "readonly { note: string; cite: string; cites: readonly string[] }[]",
      // cites: the one citation for every item line (evaluateInto takes the array by reference)
      `[${excl.map((e) => `{ note: ${lit("不予救助：" + e.text)}, cite: ${lit(e.source.citation)}, cites: [${items.map(() => lit(e.source.citation)).join(", ")}] }`).join(", ")}]`,
    ),
    constant(
      `EXCLUSION_FACTS${ci}`,
      "readonly { text: string; cite: string; cond: ExplainCond }[]",
      `[${excl.map((e) => `{ text: ${lit(e.text)}, cite: ${lit(e.source.citation)}, cond: ${condData(e.when)} }`).join(", ")}]`,
      comment("计算过程：各条不予救助的条件（列出所比较的值）"),
    ),
    constant(
      `WIN_CITES${ci}`,
      "readonly (readonly string[])[]",
      `IDENTITIES.map((_, h) => [${K.map((k) => `${itemTableName(ci, k)}.cites[h]!`).join(", ")}])`,
      comment("胜出身份为 h 时各明细行的依据（evaluateInto 按引用取用）"),
    ),
    fn(
      `calc${ci}`,
      [
        ["c", "输入"],
        ["ledger", "PersonLedger"],
        ["x", "string[] | null"],
        ["o", "OutcomeInto | null"],
      ],
      "Outcome | undefined",
      body,
      lead + "\n" + comment("o 非 null 时结果写入 o（evaluateInto），返回 undefined"),
    ),
    fn(
      name,
      [
        ["claim", `输入表[${lit(calc.name)}]`],
        ["ledger", "PersonLedger"],
        ["options?", "EvaluateOptions"],
      ],
      `结果表[${lit(calc.name)}]`,
      // typed surface (surface.ts) outside, the module's plain 输入 and Outcome inside: same objects
      p.meta.isBase
        ? [`return basePolicyFailure(${lit(p.meta.name)}) as unknown as 结果表[${lit(calc.name)}];`]
        : [
            "try {",
            `return calc${ci}(claim as unknown as 输入, ledger, options?.explain === true ? [] : null, null) as unknown as 结果表[${lit(calc.name)}];`,
            "} catch (e) {",
            `return failure(e) as unknown as 结果表[${lit(calc.name)}];`,
            "}",
          ],
      lead + "\n" + comment("成功时台账就地更新为胜出身份的用量；出错时台账不变"),
      true,
    ),
    fn(
      `into${ci}`,
      [
        ["claim", "输入"],
        ["ledger", "PersonLedger"],
        ["o", "OutcomeInto"],
      ],
      "void",
      p.meta.isBase
        ? [`basePolicyFailInto(${lit(p.meta.name)}, o);`]
        : ["try {", `calc${ci}(claim, ledger, null, o);`, "} catch (e) {", "failInto(e, o);", "}"],
      lead + "\n" + comment("同上，结果写入调用方复用的 o（evaluateInto）"),
    ),
  ];
}
