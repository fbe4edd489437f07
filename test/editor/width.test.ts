import { describe, expect, it } from "vitest";
import { displayWidth } from "../../compiler/width.js";

describe("display width", () => {
  it("CJK and full-width count two, ambiguous-width count one", () => {
    expect(displayWidth("低保对象")).toBe(8);
    expect(displayWidth("（５）：")).toBe(8); // full-width brackets, digit, colon
    expect(displayWidth("「」")).toBe(4);
    // ambiguous width: “ ” × ① are narrow in the fonts officers use (the old hand tables disagreed)
    expect(displayWidth("“×①”")).toBe(4);
    expect(displayWidth("𠀀")).toBe(2); // CJK extension B, outside the BMP
    expect(displayWidth("\x1b[31m错\x1b[0m")).toBe(2); // colour escapes take no columns
    expect(displayWidth("a1 ")).toBe(3);
  });
});
