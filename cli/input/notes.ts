/**
 * What calc and diff --claims report once per run on stderr about their input, never on stdout
 * and never changing the exit code: keys read as a field after normalising, keys ignored,
 * records without 人员编号, the encoding guessed. Messages say how to silence or fix them.
 */
import type { KeyNotes } from "../../runtime/claim-keys.js";
import { writeText } from "../io.js";

/** At most this many ignored names are listed (a wide export would flood the terminal). */
const LIST_LIMIT = 20;

/**
 * `noneComputed`: no record could be computed. With unknown columns only, the header is what
 * was misread (often the encoding): say what was found and how to fix it.
 */
export function reportKeyNotes(stderr: NodeJS.WritableStream, notes: KeyNotes, noneComputed = false): void {
  for (const [key, field] of notes.renamed) {
    writeText(stderr, `注意：列「${key}」按字段「${field}」读取（已去掉空格、全角字符转半角）；请改正列名`);
  }
  if (notes.ignored.size > 0) {
    const names = [...notes.ignored].slice(0, LIST_LIMIT).map(([k, n]) => `${k}（${n} 条）`);
    const more = notes.ignored.size > LIST_LIMIT ? ` 等 ${notes.ignored.size} 个` : "";
    writeText(
      stderr,
      `注意：以下列不是本政策的字段，已忽略：${names.join("、")}${more}。若确为无关列，可用 --ignore-column 名称 不再提示`,
    );
    if (noneComputed) {
      writeText(stderr, "提示：没有一条记录算出结果，而表头含有上述未知列：请核对列名，或用 --encoding 指定文件编码");
    }
  }
}

/** Records without 人员编号 each get a fresh ledger: annual deductibles and caps never accumulate. */
export function reportNoPerson(stderr: NodeJS.WritableStream, count: number): void {
  if (count === 0) return;
  writeText(
    stderr,
    `警告：${count} 条记录没有人员编号，每条各用新的年度台账，起付线、年度限额不跨记录累计；请补上人员编号`,
  );
}
