/**
 * The patch the summary tab and the HU comment show (issue 19): the fixes of the validation's PY003/PY004
 * findings applied per file (core/fix/patch.ts: validated again, more passes), compiled by the target's
 * interpreter when there is one, as diffs with the repository's paths. Folded per file, escaped as the
 * rest of each report, bounded like the findings table, and never a hunk that touches a SEC001 line.
 */
import * as path from "path";
import { compileFiles, type CompileCheck } from "../fix/compile";
import { fileDiff } from "../fix/diff";
import { routineLayout } from "../fix/paths";
import { FIXABLE_RULES, planFixes, type FilePatch, type RefusedPatch } from "../fix/patch";
import { textsByPath } from "../findings/analysis";
import type { Finding } from "../findings/types";
import { render, type Lang } from "../i18n/catalogue";
import { neutralizeAgentCommands } from "../logSafe";
import { cell } from "../markdown";
import { reanalyze, type ValidateHooks, type ValidationResult } from "./engine";
import { escapeHtml } from "../html";

/** Lines of diff shown in all (the findings table shows 200 rows). */
export const MAX_PATCH_LINES = 200;

export interface PatchSummary {
  target: string;
  compile: CompileCheck;
  fixed: number;
  files: Array<{ file: string; repoPath: string; fixed: number; diff: string; withheld: number }>;
  refused: Array<{ repoPath: string; why: string }>;
}

/** A file refused because the target's interpreter does not compile it once fixed. */
export interface CompileRefusal {
  file: string;
  compile: string;
}

/** The fixes of a validation, checked: what `lz fix` writes and the reports show. */
export interface CheckedFixes {
  patches: FilePatch[];
  refused: Array<RefusedPatch | CompileRefusal>;
  /** Findings left without a fix, those of refused files included. */
  unfixed: Finding[];
  compile: CompileCheck;
}

/**
 * The validation's fixes of `rules`, planned (core/fix/patch.ts: validated again, later passes) and
 * compiled by `python` (none: the check is not done): a file the interpreter refuses once fixed is refused, its findings unfixed.
 */
export async function checkedFixes(
  result: ValidationResult,
  routine: string,
  rules: ReadonlySet<string>,
  analyzeFiles: ValidateHooks["analyzeFiles"],
  python: string | undefined,
): Promise<CheckedFixes> {
  const plan = await planFixes({
    findings: result.findings,
    texts: textsByPath(result.context?.files ?? []),
    rules,
    root: path.resolve(routine),
    analyze: (files) => reanalyze(result, files, analyzeFiles),
  });
  const compile = compileFiles(
    python,
    plan.patches.map((p) => ({ path: p.file, text: p.after })),
  );
  const rejected = new Map(
    compile.done && compile.version !== undefined ? compile.errors.map((e) => [e.file, e.message]) : [],
  );
  const refused: CheckedFixes["refused"] = [...plan.refused];
  const unfixed = [...plan.unfixed];
  for (const p of plan.patches.filter((x) => rejected.has(x.file))) {
    refused.push({ file: p.file, compile: rejected.get(p.file)! });
    unfixed.push(...p.fixed);
  }
  return { patches: plan.patches.filter((p) => !rejected.has(p.file)), refused, unfixed, compile };
}

/** The patch of a validation, or undefined when no finding has a fix. */
export async function patchSummary(
  result: ValidationResult,
  routine: string,
  analyzeFiles: ValidateHooks["analyzeFiles"],
  python?: string,
): Promise<PatchSummary | undefined> {
  const lang = result.options.lang;
  if (!result.context || !result.findings.some((f) => f.fix && f.severity !== "info")) return undefined;
  const layout = routineLayout(routine);
  const fixes = await checkedFixes(result, routine, FIXABLE_RULES, analyzeFiles, python || layout.venvPython);
  const secretLines = new Map<string, Set<number>>();
  for (const f of result.findings)
    if (f.rule === "SEC001") secretLines.set(f.file, (secretLines.get(f.file) ?? new Set()).add(f.line));
  const summary: PatchSummary = {
    target: result.options.pythonVersion,
    compile: fixes.compile,
    fixed: 0,
    files: [],
    refused: [],
  };
  for (const r of fixes.refused)
    summary.refused.push({
      repoPath: layout.repoPath(r.file),
      why:
        "compile" in r
          ? render(lang, "PatchRefusedCompile", r.compile)
          : render(lang, "PatchRefusedFindings", r.findings.map((f) => `${f.rule} ${f.line}:${f.column}`).join(", ")),
    });
  for (const p of fixes.patches) {
    const repoPath = layout.repoPath(p.file);
    const diff = fileDiff(repoPath, p.before, p.after, secretLines.get(p.file));
    summary.fixed += p.fixed.length;
    summary.files.push({ file: p.file, repoPath, fixed: p.fixed.length, diff: diff.text, withheld: diff.withheld });
  }
  return summary;
}

/** What the compile check did, in one or two sentences. */
export function compileNote(check: CompileCheck, target: string, lang: Lang): string[] {
  if (!check.done) return [render(lang, "FixCompileNotDone", target)];
  if (check.version === undefined) return [render(lang, "FixCompileFailedToRun", check.python, check.failure)];
  const lines = [render(lang, "FixCompiled", check.python, check.version)];
  if (check.version !== target && !check.version.startsWith(`${target}.`))
    lines.push(render(lang, "FixCompileOtherVersion", check.version, target));
  return lines;
}

/** The diffs shown, within MAX_PATCH_LINES in all; what is left out, counted. */
function bounded(summary: PatchSummary): {
  shown: Array<PatchSummary["files"][number] & { cut: number }>;
  filesLeft: number;
} {
  let budget = MAX_PATCH_LINES;
  const shown: Array<PatchSummary["files"][number] & { cut: number }> = [];
  for (const f of summary.files) {
    if (budget <= 0) break;
    const lines = f.diff.replace(/\n$/, "").split("\n");
    const kept = lines.slice(0, budget);
    budget -= kept.length;
    shown.push({ ...f, diff: kept.join("\n"), cut: lines.length - kept.length });
  }
  return { shown, filesLeft: summary.files.length - shown.length };
}

/** A fence longer than any run of backticks in the text, so the diff cannot close it. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return "`".repeat(longest + 1);
}

/** The summary tab's section: intro, compile check, one folded diff per file. */
export function patchMarkdown(summary: PatchSummary, lang: Lang): string {
  const out = [`#### ${render(lang, "PatchTitle", summary.target)}`, ""];
  out.push(cell(render(lang, "PatchIntro", summary.fixed, summary.files.length)), "");
  for (const line of compileNote(summary.compile, summary.target, lang)) out.push(cell(line), "");
  for (const r of summary.refused) out.push(`- ${cell(render(lang, "PatchRefused", r.repoPath, r.why))}`);
  if (summary.refused.length) out.push("");
  const { shown, filesLeft } = bounded(summary);
  for (const f of shown) {
    const diff = neutralizeAgentCommands(f.diff);
    const marks = fence(diff);
    out.push(`<details><summary>${cell(render(lang, "PatchFile", f.repoPath, f.fixed))}</summary>`, "");
    if (f.withheld) out.push(cell(render(lang, "PatchWithheld", f.withheld)), "");
    if (diff) out.push(`${marks}diff`, diff, marks, "");
    if (f.cut) out.push(cell(render(lang, "PatchMore", f.cut)), "");
    out.push("</details>", "");
  }
  if (filesLeft) out.push(cell(render(lang, "PatchMoreFiles", filesLeft)), "");
  return out.join("\n");
}

/** The HU comment's section: the same, as HTML. */
export function patchHtml(summary: PatchSummary, lang: Lang): string {
  const parts = [`<p><b>${escapeHtml(render(lang, "PatchTitle", summary.target))}</b></p>`];
  parts.push(`<p>${escapeHtml(render(lang, "PatchIntro", summary.fixed, summary.files.length))}</p>`);
  for (const line of compileNote(summary.compile, summary.target, lang)) parts.push(`<p>${escapeHtml(line)}</p>`);
  if (summary.refused.length)
    parts.push(
      `<ul>${summary.refused.map((r) => `<li>${escapeHtml(render(lang, "PatchRefused", r.repoPath, r.why))}</li>`).join("")}</ul>`,
    );
  const { shown, filesLeft } = bounded(summary);
  for (const f of shown) {
    parts.push(
      `<details><summary>${escapeHtml(render(lang, "PatchFile", f.repoPath, f.fixed))}</summary>` +
        (f.withheld ? `<p>${escapeHtml(render(lang, "PatchWithheld", f.withheld))}</p>` : "") +
        (f.diff ? `<pre>${escapeHtml(neutralizeAgentCommands(f.diff))}</pre>` : "") +
        (f.cut ? `<p>${escapeHtml(render(lang, "PatchMore", f.cut))}</p>` : "") +
        `</details>`,
    );
  }
  if (filesLeft) parts.push(`<p>${escapeHtml(render(lang, "PatchMoreFiles", filesLeft))}</p>`);
  return parts.join("");
}
