/**
 * The API checks' findings through the validator's own machinery: the LZ team's rule severities,
 * `# lz: ignore[CODE] <why>` comments in the template (YAML comments; a reason is required, LZV003),
 * the language, the summary and the gate — the same ValidationResult the reports are written from.
 */
import { gate, summarize } from "../findings/summary";
import type { FailOn, Lang, RawFinding } from "../findings/types";
import { applyRoutineSuppressions, finalizeFindings, rulesOf, ValidationResult } from "../validator/engine";
import { resolveOptions } from "../validator/options";

export interface ApiGateInputs {
  lang: Lang;
  failOn: FailOn;
  /** `CODE=error|warning|info|off` lines (the task input *Rule severities*). */
  ruleSeverities?: string;
}

export function apiValidationResult(
  raw: RawFinding[],
  texts: Map<string, string>,
  inputs: ApiGateInputs,
  stats: { files: number; started: number },
): ValidationResult {
  const resolved = resolveOptions("/nonexistent-api-root", {
    lang: inputs.lang,
    failOn: inputs.failOn,
    ruleSeverities: inputs.ruleSeverities,
  });
  const options = resolved.options;
  const suppressed = applyRoutineSuppressions([...resolved.findings, ...raw], options, texts);
  const findings = finalizeFindings(suppressed.raw, options);
  const summary = summarize(findings);
  return {
    findings,
    summary,
    result: gate(summary, options.failOn),
    options,
    rules: rulesOf(findings),
    routineSettings: suppressed.settings,
    stats: {
      files: stats.files,
      pythonFiles: 0,
      bytes: [...texts.values()].reduce((n, t) => n + t.length, 0),
      ms: Date.now() - stats.started,
    },
  };
}
