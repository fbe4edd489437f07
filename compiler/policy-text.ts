/**
 * Bytes of a policy file → its text, refusing what cannot be read with certainty: a policy file is
 * UTF-8. Invalid UTF-8 used to become U+FFFD silently (inside a citation it even checked clean),
 * and a UTF-16 file (Windows Notepad's "Unicode") gave ~2,000 unrelated syntax errors. Pure and
 * light (no parser): the checked-policy cache replays files through here too.
 */

export interface DecodedPolicy {
  /** The text (a BOM becomes a space so offsets stay put); lossy when `problem` is set. */
  text: string;
  /** Why the bytes are not a UTF-8 policy, at a character offset of `text`. */
  problem?: { offset: number; message: string; notes: string[] };
}

const fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lossy = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

export function decodePolicy(bytes: Uint8Array): DecodedPolicy {
  if (looksUtf16(bytes))
    return {
      text: "",
      problem: {
        offset: 0,
        message: "文件是 UTF-16 编码，政策文件须为 UTF-8",
        notes: ["请用编辑器将文件另存为 UTF-8 编码（记事本：另存为 → 编码选 UTF-8）"],
      },
    };
  try {
    return { text: withoutBom(fatal.decode(bytes)) };
  } catch {
    const bad = firstInvalid(bytes);
    const text = withoutBom(lossy.decode(bytes));
    // the prefix before the first bad byte is valid UTF-8: its decoded length is the offset
    const offset = lossy.decode(bytes.subarray(0, bad)).length;
    return {
      text,
      problem: {
        offset,
        message: `第 ${bad} 字节起不是有效的 UTF-8 编码`,
        notes: ["政策文件须为 UTF-8 编码；若文件是 GBK/GB18030，请另存为 UTF-8；若是复制时损坏，请重新输入该处文字"],
      },
    };
  }
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? " " + text.slice(1) : text;
}

/** A UTF-16 BOM, or NUL bytes in every other position of the start (ASCII/CJK text as UTF-16). */
function looksUtf16(b: Uint8Array): boolean {
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) return true;
  const n = Math.min(b.length, 200) & ~1;
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  // UTF-8 policy text has no NUL at all; UTF-16 has one in every ASCII character (digits, spaces, |)
  return Math.max(even, odd) >= Math.max(2, n / 16);
}

/** Byte index of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalid(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    let len = 0;
    for (len = 1; len <= 4 && i + len <= b.length; len++) {
      try {
        fatal.decode(b.subarray(i, i + len));
        break;
      } catch {
        // an incomplete or invalid sequence: try one byte longer
      }
    }
    if (len > 4 || i + len > b.length) return i;
    i += len;
  }
  return b.length;
}
