/**
 * `lz fix <routine> [--write] [--rule PY003,PY004] [--python <path>] [--source <checkout>]`: the
 * fixes of the Python 3.5 gate's findings (core/fix) as one unified diff with the repository's paths
 * (default) or written into the checkout. The fixed files are validated again (core/fix/patch.ts) and
 * compiled by the target's interpreter when there is one (core/fix/compile.ts); what they refuse is
 * not written. Exit 0: nothing of the asked rules left to fix; 1: findings without a fix remain (or a
 * patch was refused); 2: bad usage.
 */
import * as fs from "fs";
import * as path from "path";
import taskJson from "../../tasks/ValidateRoutineV1/task.json";
import spanish from "../../tasks/ValidateRoutineV1/Strings/resources.resjson/es-ES/resources.resjson";
import { validateRoutine } from "../../core/validator/engine";
import { validateRequestFromInputs } from "../../core/validator/inputs";
import { FIXABLE_RULES, type FilePatch } from "../../core/fix/patch";
import { checkedFixes, compileNote } from "../../core/validator/fixes";
import { routineLayout } from "../../core/fix/paths";
import { fileDiff } from "../../core/fix/diff";
import type { Finding } from "../../core/findings/types";
import { requireFolder, UsageError, type CommandSpec } from "../command";
import { flagInputs, takeFlagProblems } from "../taskInputs";
import { withAnalysis } from "../validatorWorkers";
import type { Localizer } from "../../core/i18n/localizer";

const FIXABLE = [...FIXABLE_RULES];

/** `--rule PY003,PY004` → the set (every fixable rule when not given). */
function rulesOf(value: unknown, loc: Localizer): Set<string> {
  if (value === undefined || value === "") return new Set(FIXABLE);
  const codes = String(value)
    .split(",")
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  const bad = codes.filter((c) => !FIXABLE.includes(c));
  if (bad.length || !codes.length)
    throw new UsageError(loc("CliFixBadRule", bad.join(", ") || String(value), FIXABLE.join(",")));
  return new Set(codes);
}

/** The unified diff of the patches, with the repository's paths (`git apply` takes it). */
function unifiedDiff(patches: readonly FilePatch[], repoPath: (file: string) => string): string {
  return patches.map((p) => fileDiff(repoPath(p.file), p.before, p.after).text).join("");
}

const where = (f: Finding) => `${f.file}:${f.line}:${f.column}`;

export const fixCommand: CommandSpec = {
  name: "fix",
  summary: "CliSummaryFix",
  note: "CliFixNote",
  task: taskJson,
  spanish,
  formats: ["text", "json"],
  pipelineOnly: ["workItemId", "logsFromWorkItem"],
  args: [{ usage: "<path>", text: "CliArgRoutine", input: "routinePath", missing: "CliGiveRoutine" }],
  flags: {
    write: { type: "boolean", text: "CliFixWrite" },
    rule: { type: "string", value: "PY003,PY004", text: "CliFixRule" },
    source: { type: "string", value: "DIR", text: "CliFixSource" },
  },
  async run({ inputs, options, lang, loc }, io) {
    const { request, problems } = validateRequestFromInputs(flagInputs(inputs));
    takeFlagProblems(problems, loc);
    const routine = request.routinePath!;
    const rules = rulesOf(options.rule, loc);
    const write = !!options.write;
    const source = options.source ? String(options.source) : undefined;
    if (source) requireFolder(source, loc);
    const layout = routineLayout(routine, source);
    // Patches are for the pull request: the installed copy is never written.
    if (write && layout.installed && !layout.writeRoot) throw new UsageError(loc("CliFixInstalled", routine));
    const target = request.options.pythonVersion || "3.5";
    io.progress?.(loc("CliFixValidating"));
    // One set of workers for the validation and every pass that validates the fixed files again.
    const { result, fixes } = await withAnalysis(async (analyzeFiles) => {
      const result = await validateRoutine(routine, { ...request.options, lang }, { analyzeFiles });
      const fixes = await checkedFixes(result, routine, rules, analyzeFiles, request.python || layout.venvPython);
      return { result, fixes };
    });
    io.progress?.("");
    const { patches, refused, unfixed, compile: check } = fixes;
    const fixedCount = patches.reduce((n, p) => n + p.fixed.length, 0);
    const notes: string[] = [];
    if (!patches.length && !unfixed.length) notes.push(loc("CliFixNothing"));
    else notes.push(loc(write ? "CliFixApplied" : "CliFixWouldApply", fixedCount, patches.length));
    for (const r of refused)
      notes.push(
        "compile" in r
          ? loc("CliFixRefusedCompile", layout.repoPath(r.file), r.compile)
          : loc(
              "CliFixRefused",
              layout.repoPath(r.file),
              r.findings.map((f) => `${f.rule} ${where(f)} ${f.message}`).join("; "),
            ),
      );
    if (unfixed.length) {
      notes.push(loc("CliFixLeft", unfixed.length));
      for (const f of unfixed) notes.push(`  ${f.rule} ${where(f)} ${f.noFix ? loc("NoFix", f.noFix) : f.message}`);
    }
    if (patches.length) notes.push(...compileNote(check, target, lang));
    if (write && layout.writeRoot) {
      for (const p of patches) {
        const to = path.join(layout.writeRoot, layout.repoPath(p.file));
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.writeFileSync(to, p.after);
        notes.push(loc("CliFixWrote", to));
      }
    }
    const exitCode = unfixed.length ? 1 : 0;
    if (options.format === "json") {
      const json = {
        routine,
        written: write,
        stats: result.stats,
        patches: patches.map((p) => ({
          file: p.file,
          repoPath: layout.repoPath(p.file),
          fixed: p.fixed.length,
          diff: unifiedDiff([p], layout.repoPath),
        })),
        refused,
        unfixed,
        compileCheck: { ...check, note: compileNote(check, target, lang).join(" ") },
      };
      return { output: JSON.stringify(json, null, 2), exitCode };
    }
    // The diff alone on stdout (it can be piped to git apply); what was done, on stderr.
    process.stderr.write(notes.join("\n") + "\n");
    return { output: write ? "" : unifiedDiff(patches, layout.repoPath).replace(/\n$/, ""), exitCode };
  },
};
