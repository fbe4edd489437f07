/**
 * Full-width → half-width normalisation. Each UTF-16 code unit maps to exactly one code unit, so
 * every offset into the normalised text is also an offset into the original: the lexer runs on
 * the normalised text, diagnostics and raw texts use the original.
 */

const MAP: Record<string, string> = {
  "，": ",",
  "：": ":",
  "；": ";",
  "（": "(",
  "）": ")",
  "％": "%",
  "｜": "|",
  "＃": "#",
  "－": "-",
  "−": "-", // U+2212 minus sign
  "—": "-", // U+2014 em dash, written for minus in expressions
  "＋": "+",
  "＜": "<",
  "＞": ">",
  "＝": "=",
  "！": "!",
  "＂": '"',
  "．": ".",
  "＿": "_",
  "\u3000": " ", // ideographic space
  "\u00a0": " ", // no-break space
  "\ufeff": " ", // BOM: harmless as whitespace, keeps offsets
};

function mapUnit(c: number): number {
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10 + 0x30; // ０-９
  if (c >= 0xff21 && c <= 0xff3a) return c - 0xff21 + 0x41; // Ａ-Ｚ
  if (c >= 0xff41 && c <= 0xff5a) return c - 0xff41 + 0x61; // ａ-ｚ
  return c;
}

/** Normalise `text`; the result has the same length as the input. */
export function normalize(text: string): string {
  const out: string[] = new Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const mapped = MAP[ch];
    out[i] = mapped ?? String.fromCharCode(mapUnit(text.charCodeAt(i)));
  }
  return out.join("");
}
