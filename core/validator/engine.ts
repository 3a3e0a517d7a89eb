/**
 * The validation engine: walks the routine, runs every analyzer, then applies the user's rule
 * settings and `# lz: ignore[CODE]` suppressions and writes each message in the user's language.
 * Analyzers only report rule codes and arguments; what a rule means lives in the registry.
 */
import { applyAllowList } from "../routine/allowList";
import * as path from "path";
import { walkRoutine } from "../files/walk";
import { Minimatch } from "minimatch";
import { LineIndex } from "../findings/positions";
import { inlineIgnore, RoutineSetting } from "./routineSettings";
import { type AnalysisContext, type SourceFile, textsByPath, type TextsByPath } from "../findings/analysis";
import { checkConfig } from "../routine/config";
import { checkManifest } from "../routine/manifest";
import { checkLogFolder, logLimitsOf } from "../logs/readLogs";
import { checkVersion } from "../routine/version";
import { ruleByCode } from "./registry";
import { format, render, renderArg } from "../i18n/catalogue";
import type { Rule } from "../findings/rule";
import { FindingsResult, gate, summarize } from "../findings/summary";
import type { FailOn, Finding, Lang, RawFinding, Severity } from "../findings/types";
import { OptionInputs, resolveOptions, ValidatorOptions } from "./options";
import { localModuleNames } from "../python/file";
import { CodePoints, locateFix } from "../fix/regions";

export interface ValidationResult extends FindingsResult {
  options: ValidatorOptions;
  configFile?: string;
  stats: { files: number; pythonFiles: number; bytes: number; ms: number };
  /** What the analyzers were given (`lz fix` analyzes fixed texts with it again); not part of any report. */
  context?: AnalysisContext;
}

/** The rules the findings name, for the report writers. */
export function rulesOf(findings: readonly Finding[]): Rule[] {
  return [...new Set(findings.map((f) => f.rule))].map((code) => ruleByCode(code)!);
}

/**
 * What the routine itself says about its findings (routineSettings.ts): `# lz: ignore[…]` comments
 * mark findings as suppressed, unless the rule protects production; the routine's own excludes drop
 * the findings of the other rules in those files. Each comment is listed once, with its reason, and a
 * refused or unexplained one adds its LZV002/LZV003 warning.
 */
export function applyRoutineSuppressions(
  raw: RawFinding[],
  options: ValidatorOptions,
  texts: TextsByPath,
): { raw: RawFinding[]; settings: RoutineSetting[] } {
  const protectedRules = new Set(options.protectedRules);
  const excludes = options.routineExclude.map((g) => new Minimatch(g, { dot: true, matchBase: !g.includes("/") }));
  const lineIndexes = new Map<string, LineIndex>();
  const settings = new Map<string, RoutineSetting>();
  const out: RawFinding[] = [];
  const notes: RawFinding[] = [];
  for (const r of raw) {
    // The routine's excludes never hide the protected rules, nor what the validator says about the gate itself.
    const excludable = !protectedRules.has(r.rule) && ruleByCode(r.rule)?.category !== "validator";
    if (excludable && r.file && excludes.some((m) => m.match(r.file))) continue;
    const text = texts.get(r.file);
    if (text === undefined || r.line < 1) {
      out.push(r);
      continue;
    }
    let index = lineIndexes.get(r.file);
    if (!index) lineIndexes.set(r.file, (index = new LineIndex(text)));
    const ignore = inlineIgnore(index.lineText(r.line));
    if (!ignore?.codes.has(r.rule)) {
      out.push(r);
      continue;
    }
    const comment = `# lz: ignore[${r.rule}]`;
    const key = `${r.file}|${r.line}|${r.rule}`;
    const refused = protectedRules.has(r.rule);
    if (!settings.has(key)) {
      settings.set(key, { file: r.file, line: r.line, setting: comment, reason: ignore.reason, applied: !refused });
      if (refused) notes.push({ rule: "LZV002", file: r.file, line: r.line, column: 1, args: [r.file, comment] });
      else if (!ignore.reason)
        notes.push({
          rule: "LZV003",
          file: r.file,
          line: r.line,
          column: 1,
          args: [r.file, comment, `${comment} <why>`],
        });
    }
    out.push(refused ? r : { ...r, suppressed: true });
  }
  return { raw: [...out, ...notes], settings: [...settings.values()] };
}

/** Applies settings, suppressions (already marked on each raw finding) and language to raw findings. */
export function finalizeFindings(raw: RawFinding[], options: ValidatorOptions, texts?: TextsByPath): Finding[] {
  const out: Finding[] = [];
  const points = new Map<string, CodePoints>();
  const seen = new Set<string>();
  for (const r of raw) {
    const rule = ruleByCode(r.rule);
    if (!rule) throw new Error(`analyzer reported unregistered rule ${r.rule}`);
    const setting = options.rules[r.rule] ?? rule.severity;
    if (setting === "off") continue;
    const key = `${r.rule}|${r.file}|${r.line}|${r.column}|${JSON.stringify(r.args)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const args = r.args.map((a) => renderArg(options.lang, a));
    const strict = options.pythonGuards === "strict";
    const guarded =
      r.guard === undefined ? "" : ` ${render(options.lang, strict ? "GuardedStrict" : "GuardedInfo", r.guard)}`;
    const message = `${format(rule.message[options.lang], args)}${guarded} ${render(options.lang, "FixLabel")} ${rule.fix[options.lang]}`;
    const severity: Severity = r.suppressed || (r.guard !== undefined && !strict) ? "info" : setting;
    const finding: Finding = { rule: r.rule, severity, file: r.file, line: r.line, column: r.column, message };
    if (r.minVersion) finding.minVersion = r.minVersion;
    if (r.suppressed) finding.suppressed = true;
    const text = texts?.get(r.file);
    if (r.fix && text !== undefined) {
      let p = points.get(r.file);
      if (!p) points.set(r.file, (p = new CodePoints(text)));
      finding.fix = locateFix(p, r.fix, options.lang);
    } else if (r.noFix !== undefined) finding.noFix = String(renderArg(options.lang, r.noFix));
    out.push(finding);
  }
  return out.sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : 1),
  );
}

export interface ValidateHooks {
  /**
   * Where the files are analyzed: in worker threads (pool.ts startWorkerPool, what the task does so
   * its main bundle carries neither parser) or in this thread (fileAnalysis.ts analyzeHere with
   * analyzers.ts ANALYZERS).
   */
  analyzeFiles(files: SourceFile[], ctx: AnalysisContext): Promise<RawFinding[]>;
  /** Findings the caller found itself (the HU attachments it could not download), added before the gate. */
  findings?: RawFinding[];
}

export async function validateRoutine(
  root: string,
  inputs: OptionInputs,
  hooks: ValidateHooks,
): Promise<ValidationResult> {
  const started = Date.now();
  const absRoot = path.resolve(root);
  const resolved = resolveOptions(absRoot, inputs);
  const options = resolved.options;
  const raw: RawFinding[] = [...resolved.findings];
  const walk = walkRoutine(absRoot, {
    maxFileSizeKb: options.maxFileSizeKb,
    exclude: options.exclude,
    maxFolderDepth: options.maxFolderDepth,
  });
  raw.push(...walk.findings);
  const ctx: AnalysisContext = {
    root: absRoot,
    options,
    files: walk.files,
    allPaths: walk.allPaths,
    localModules: localModuleNames(walk.allPaths),
  };

  const config = checkConfig(walk.files, walk.allPaths, {
    expectedDsn: options.expectedDsn,
    zona: options.zona,
    zoneKeys: options.zoneKeys,
  });
  raw.push(...config.findings);
  ctx.configZone = config.info?.zone?.value;
  if (options.artifactVersion)
    raw.push(...checkVersion(absRoot, options.artifactVersion, options.versionFile).findings);
  raw.push(...checkManifest(walk.files, walk.allPaths));

  const python = walk.files.filter((f) => f.path.endsWith(".py"));
  if (walk.files.length)
    raw.push(...applyAllowList(await hooks.analyzeFiles(walk.files, ctx), options.allowedNamesAndPaths));
  raw.push(...(hooks.findings ?? []));
  if (options.logsPath)
    raw.push(...(await checkLogFolder(path.resolve(options.logsPath), options.logs, logLimitsOf(options))));

  const texts = textsByPath(walk.files);
  const routine = applyRoutineSuppressions(raw, options, texts);
  const findings = finalizeFindings(routine.raw, options, texts);
  const summary = summarize(findings);
  return {
    findings,
    summary,
    result: gate(summary, options.failOn),
    options,
    configFile: resolved.configFile,
    rules: rulesOf(findings),
    routineSettings: [...resolved.routineSettings, ...routine.settings],
    stats: { files: walk.files.length, pythonFiles: python.length, bytes: walk.bytes, ms: Date.now() - started },
    context: ctx,
  };
}

/**
 * Files of a validated routine analyzed again with other texts (the fixes applied): the same context,
 * settings, routine suppressions and language, so their findings compare with the validation's.
 */
export async function reanalyze(
  result: ValidationResult,
  files: SourceFile[],
  analyzeFiles: ValidateHooks["analyzeFiles"],
): Promise<Finding[]> {
  const ctx = result.context!;
  const replaced = new Map(files.map((f) => [f.path, f]));
  const all = ctx.files.map((f) => replaced.get(f.path) ?? f);
  const raw = await analyzeFiles(files, { ...ctx, files: all });
  const texts = textsByPath(files);
  return finalizeFindings(applyRoutineSuppressions(raw, result.options, texts).raw, result.options, texts);
}

/** Findings of another check (VerifyRoutineEnv) in the validator's result shape, for the same reports and gate. */
export function resultFromRaw(
  raw: RawFinding[],
  inputs: { lang: Lang; failOn: FailOn; rules?: ValidatorOptions["rules"] },
  started = Date.now(),
): ValidationResult {
  const options: ValidatorOptions = {
    ...resolveOptions("/nonexistent-routine-root", {}).options,
    lang: inputs.lang,
    failOn: inputs.failOn,
    rules: inputs.rules ?? {},
  };
  const findings = finalizeFindings(raw, options);
  const summary = summarize(findings);
  return {
    findings,
    summary,
    result: gate(summary, options.failOn),
    options,
    rules: rulesOf(findings),
    routineSettings: [],
    stats: { files: 0, pythonFiles: 0, bytes: 0, ms: Date.now() - started },
  };
}
