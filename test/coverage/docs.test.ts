import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { coverPaths } from "../../compiler/coverage/index.js";
import { regionFiles } from "../../compiler/coverage/report.js";

// the same arguments as `npm run coverage`, from the repository root (where vitest runs)
const OUT = "docs/条款覆盖";
const REFRESH = "运行 npm run build && npm run coverage 刷新";

describe("docs/条款覆盖/*.覆盖表.md", () => {
  it("are what `jiuzhu coverage policies/ --out docs/条款覆盖` generates now", () => {
    const files = regionFiles(coverPaths(["policies/"]).regions, OUT);
    for (const f of files) {
      expect(existsSync(f.path), `${f.path} 不存在：${REFRESH}`).toBe(true);
      expect(readFileSync(f.path, "utf8"), `${f.path} 已过期：${REFRESH}`).toBe(f.text);
    }
    const generated = new Set(files.map((f) => path.basename(f.path)));
    const stale = readdirSync(OUT).filter((n) => n.endsWith(".覆盖表.md") && !generated.has(n));
    expect(stale, `这些表没有对应的政策：${REFRESH}并删除它们`).toEqual([]);
  });
});
