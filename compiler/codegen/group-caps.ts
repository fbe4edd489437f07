/**
 * 限额组 caps inside a generated item block. A group with one cap (`年度限额 X`) is a constant;
 * a group with a `| 身份 | 年度限额 |` table gets, per member item, a table of caps by identity
 * index (null = 无), made at compile time with the 参照 of that item already followed. Either
 * way there is ONE counter per person per group (docs/语义.md §5.7).
 */
import { groupCapFor, type CheckedPolicy, type ItemIR } from "../ir.js";
import { constant, type Decl } from "./decls.js";
import { comment, commentText, int, lit, where } from "./text.js";
import { rowIdentity } from "./item.js";

export function groupCapsName(ci: number, k: number, i: number): string {
  return `GROUP_CAPS${ci}_${k}_${i}`;
}

/** The per-identity cap tables of item k's table-capped groups. */
export function groupCapTables(p: CheckedPolicy, it: ItemIR, ci: number, k: number): Decl[] {
  return it.capGroups.flatMap((g, i) => {
    const grp = p.capGroups.find((x) => x.name === g)!;
    if (!grp.byIdentity) return [];
    const caps = p.identities.map((h) => {
      const c = groupCapFor(grp, h.name, rowIdentity(h, it));
      return c === null ? "null" : int(c);
    });
    return [
      constant(
        groupCapsName(ci, k, i),
        "readonly (number | null)[]",
        `[${caps.join(", ")}]`,
        comment(`限额组 ${g} 对 ${it.name} 的年度限额，按身份序号（null = 无）`),
      ),
    ];
  });
}

/**
 * The clamp of item k by group i (slot = the group's ledger slot); `a`, `n<k>` and `u` (the
 * 本年已用/余 note for 计算过程) as in item.ts.
 */
export function groupCapClamp(p: CheckedPolicy, it: ItemIR, ci: number, k: number, i: number, slot: number): string[] {
  const g = it.capGroups[i]!;
  const grp = p.capGroups.find((x) => x.name === g)!;
  const head = comment(`限额组 ${g}：${where(p.meta.file, grp.source)}`);
  if (!grp.byIdentity) {
    // commentText: a name holding */ must not end this block comment (that was code injection)
    const cap = `${int(grp.annualCap ?? 0)} /* ${commentText(`限额组表[${lit(g)}].年度限额`)} */`;
    return [
      head,
      "{",
      `const room = ${cap} > v${slot} ? ${cap} - v${slot} : 0;`,
      `if (a > room) { a = room; n${k} = groupCapNote(${lit(g)}, 限额组表[${lit(g)}].年度限额); if (x !== null) u = capStep(u, groupCapText(${lit(g)}, 限额组表[${lit(g)}].年度限额), v${slot}, room); }`,
      "}",
    ];
  }
  return [
    head,
    "{",
    comment("按身份的限额，共用一个计数：余额 = 本身份限额 − 本组已付"),
    `const cap = ${groupCapsName(ci, k, i)}[h]!;`,
    "if (cap !== null) {",
    `const room = cap > v${slot} ? cap - v${slot} : 0;`,
    `if (a > room) { a = room; n${k} = groupCapNote(${lit(g)}, cap); if (x !== null) u = capStep(u, groupCapText(${lit(g)}, cap), v${slot}, room); }`,
    "}",
    "}",
  ];
}
