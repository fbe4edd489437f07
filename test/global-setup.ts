/**
 * Every temp dir a test makes (mkdtemp in os.tmpdir(), also in spawned CLIs) goes under one folder
 * per run, removed at the end, so test runs do not leave hundreds of folders in /tmp.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export default function setup(): () => void {
  const dir = mkdtempSync(path.join(os.tmpdir(), "jiuzhu-tests-"));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
