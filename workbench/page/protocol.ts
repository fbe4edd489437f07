/** Messages between the page (main.ts) and its worker (worker.ts). */
import type { CoverageView, ExampleView, GuaranteeView } from "../analysis.js";
import type { CurveSet } from "../curves.js";
import type { ServiceDiagnostic } from "../../compiler/language-service/index.js";
import type { SiteData } from "../site-data.js";

/** What the worker computes for the file being edited, cheapest first. */
export const PARTS = ["diagnostics", "coverage", "claims", "examples", "curves", "guarantees"] as const;
export type Part = (typeof PARTS)[number];

export type ToWorker =
  | { type: "init"; site: SiteData }
  | {
      type: "update";
      /** the file being edited and its text; `edits` holds every unsaved file (a base region's too) */
      file: string;
      edits: Record<string, string>;
      claims: string;
      caseIndex: number;
      parts: Part[];
      /** numbered by the page: results say which state they belong to */
      seq: number;
    }
  | { type: "diff"; seq: number; old: { file: string; text: string }; new: { file: string; text: string } }
  /** `jiuzhu fmt` of the text (in the worker: the page itself carries no parser beyond the lexer) */
  | { type: "fmt"; file: string; text: string };

export interface ClaimRow {
  /** the line `jiuzhu calc --explain` writes, parsed */
  line: Record<string, unknown>;
  raw: string;
}

export type FromWorker =
  | { type: "diagnostics"; seq: number; diagnostics: ServiceDiagnostic[]; checked: boolean; ms: number }
  | { type: "coverage"; seq: number; coverage: CoverageView }
  | { type: "claims"; seq: number; rows: ClaimRow[]; resultField: string }
  | { type: "examples"; seq: number; rows: ExampleView[]; errors: string[] }
  | { type: "curves"; seq: number; curves: CurveSet | null; error?: string }
  | { type: "guarantees"; seq: number; guarantees: GuaranteeView[] | null }
  | { type: "diff"; seq: number; text: string }
  /** the formatted text; undefined when nothing changes or the text does not parse */
  | { type: "fmt"; file: string; before: string; text?: string }
  /** every part asked for so far is done */
  | { type: "idle"; seq: number }
  | { type: "failed"; seq: number; part: string; message: string };
