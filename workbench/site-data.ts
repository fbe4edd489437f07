/**
 * What the workbench page is given: the served regions' policy texts, their example tables and the
 * 原文 texts the policies name. One JSON document (site.json), the same whether `jiuzhu workbench`
 * serves it or `--export` writes it for a static host. No node: imports: the page reads it too.
 */

export interface SiteFile {
  /** path under the served policies folder, "/"-separated: 营口市/2023-01-01.jz, 营口市/例/案例.csv */
  file: string;
  text: string;
}

export interface SiteRegion {
  /** the region folder's name (what 基于 names) */
  name: string;
  versions: SiteFile[];
  /** 例/*.csv, decoded */
  examples: SiteFile[];
}

export interface SiteData {
  regions: SiteRegion[];
  /** 原文 line as written → the document's text */
  sources: Record<string, string>;
  /** true under `jiuzhu workbench` (POST /api/save writes back); false on a static host */
  canSave: boolean;
  /** notes for the officer (files that could not be read), in Chinese */
  notes: string[];
}
