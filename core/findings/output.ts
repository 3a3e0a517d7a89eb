/** Writes the validator's report files; shared by the ValidateRoutine task and `lz validate`. */
import * as fs from "fs";
import * as path from "path";
import type { FindingsResult } from "./summary";
import { jsonReport, markdownSummary, sarifReport } from "./report";

export interface WrittenReports {
  json: string;
  sarif: string;
  markdown: string;
}

export function writeReports(
  result: FindingsResult,
  routine: string,
  directory: string,
  version: string,
  docsBase?: string,
  /** The fixes' section of the summary (core/validator/fixes.ts patchMarkdown). */
  patch?: string,
): WrittenReports {
  fs.mkdirSync(directory, { recursive: true });
  const files = {
    json: path.join(directory, "ValidateRoutine-report.json"),
    sarif: path.join(directory, "ValidateRoutine.sarif"),
    markdown: path.join(directory, "ValidateRoutine-summary.md"),
  };
  fs.writeFileSync(files.json, JSON.stringify(jsonReport(result, routine, version), null, 2) + "\n");
  fs.writeFileSync(
    files.sarif,
    JSON.stringify(sarifReport(result, path.resolve(routine), version, docsBase), null, 2) + "\n",
  );
  fs.writeFileSync(files.markdown, markdownSummary(result, routine, docsBase, patch));
  return files;
}
