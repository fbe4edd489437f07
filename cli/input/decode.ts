/**
 * Bytes of a claims file → text. Excel on Chinese Windows saves CSV as GB18030/GBK, which read as
 * UTF-8 turned every header into mojibake (`缺少字段「身份」` on every row). `--encoding` names
 * the encoding; otherwise a UTF-8 BOM or valid UTF-8 is UTF-8, anything else GB18030, with a note
 * on stderr. The decision is made at the first chunk holding a non-ASCII byte (ASCII reads the
 * same in both), so nothing is buffered. UTF-16 is refused with a message saying so.
 */
import { isAscii } from "node:buffer";
import { CliError } from "../exit-codes.js";

export type TextEncoding = "utf-8" | "gb18030";
export const TEXT_ENCODINGS: readonly TextEncoding[] = ["utf-8", "gb18030"];

/** `--encoding` → the encoding (utf8, GBK and GB2312 accepted as names of the two). */
export function parseEncoding(name: string | undefined): TextEncoding | undefined {
  if (name === undefined) return undefined;
  const n = name.toLowerCase().replace(/[-_]/g, "");
  if (n === "utf8") return "utf-8";
  if (n === "gb18030" || n === "gbk" || n === "gb2312") return "gb18030";
  throw new CliError(`未知的编码「${name}」，应为 utf-8 或 gb18030`);
}

export interface DecodeOptions {
  encoding?: TextEncoding;
  /** the file's name in messages */
  name: string;
  /** receives the note when GB18030 was guessed */
  note: (message: string) => void;
}

export async function* decodeChunks(bytes: AsyncIterable<Uint8Array | string>, opts: DecodeOptions): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined =
    opts.encoding === undefined ? undefined : new TextDecoder(opts.encoding, { fatal: true });
  let offset = 0; // bytes decoded so far, for the position in a message
  let first = true;
  for await (const part of bytes) {
    if (typeof part === "string") {
      yield part; // a stream already set to text (tests): nothing to decode
      continue;
    }
    if (part.length === 0) continue;
    if (first) {
      first = false;
      refuseUtf16(part, opts.name);
    }
    if (decoder === undefined) {
      if (isAscii(part)) {
        offset += part.length;
        yield Buffer.from(part.buffer, part.byteOffset, part.length).toString("latin1");
        continue;
      }
      decoder = guess(part, opts);
    }
    yield decodePart(decoder, part, opts, offset);
    offset += part.length;
  }
  if (decoder !== undefined) {
    const tail = decodePart(decoder, new Uint8Array(0), opts, offset, false);
    if (tail !== "") yield tail;
  }
}

/** UTF-8 when the first non-ASCII chunk is valid UTF-8 (or starts with its BOM), else GB18030. */
function guess(part: Uint8Array, opts: DecodeOptions): TextDecoder {
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  try {
    utf8.decode(part, { stream: true });
    return new TextDecoder("utf-8", { fatal: true });
  } catch {
    opts.note(`注意：「${opts.name}」不是有效的 UTF-8，按 GB18030（GBK）编码读取；如不对请用 --encoding 指定`);
    return new TextDecoder("gb18030", { fatal: true });
  }
}

function decodePart(decoder: TextDecoder, part: Uint8Array, opts: DecodeOptions, offset: number, stream = true): string {
  try {
    return decoder.decode(part, { stream });
  } catch {
    const hint = decoder.encoding === "utf-8" ? "；如文件是 GB18030/GBK 编码，请加 --encoding gb18030" : "";
    throw new CliError(
      `「${opts.name}」第 ${offset + 1} 字节之后有不是 ${decoder.encoding === "utf-8" ? "UTF-8" : "GB18030"} 编码的内容${hint}`,
    );
  }
}

/** A UTF-16 BOM, or NUL bytes in every other position of the start: say so instead of mojibake. */
function refuseUtf16(part: Uint8Array, name: string): void {
  const bom = part.length >= 2 && ((part[0] === 0xff && part[1] === 0xfe) || (part[0] === 0xfe && part[1] === 0xff));
  let nul = 0;
  const n = Math.min(part.length, 256);
  for (let i = 0; i < n; i++) if (part[i] === 0) nul++;
  if (bom || (n >= 8 && nul * 4 >= n)) {
    throw new CliError(`「${name}」是 UTF-16 编码，无法读取；请在 Excel 中另存为「CSV UTF-8」或用 GB18030/UTF-8 保存`);
  }
}
