/**
 * The validation engine: walks the routine, runs every analyzer, then applies the user's rule
 * settings and `# lz: ignore[CODE]` suppressions and writes each message in the user's language.
 * Analyzers only report rule codes and arguments; what a rule means lives in the registry.
 */
import * as path from "path";
import { format } from "util";
import { SourceFile, walkRoutine } from "./files";
export type { AnalysisContext, Analyzer } from "./fileAnalysis";
export { analyzePythonFile, analyzeTextFile, registerAnalyzer } from "./fileAnalysis";
import { Minimatch } from "minimatch";
import { LineIndex } from "./positions";
import { inlineIgnore, RoutineSetting } from "./routineSettings";
import { AnalysisContext, analyzePythonFile, analyzeTextFile, routineAnalyzers } from "./fileAnalysis";
import { createPythonParser, Parser } from "./python/parser";
import "./python/rules";
import { checkConfig } from "./routine/config";
import { checkManifest } from "./routine/manifest";
import "./routine/rules";
// Rule data only (messages for the findings the workers send back); the SQL analyzer is not loaded here.
import "../sql/rules";
import "../run/rules";
import { checkLogFolder, logLimitsOf } from "../logs/readLogs";
import { checkVersion } from "./routine/version";
import { ruleByCode } from "./rules";
import { translateArg } from "./terms";
import type { FailOn, Finding, Lang, RawFinding, Severity } from "./types";
import { OptionInputs, resolveOptions, ValidatorOptions } from "./options";

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
}

export type GateResult = "Succeeded" | "SucceededWithIssues" | "Failed";

export interface ValidationResult {
  findings: Finding[];
  summary: Summary;
  result: GateResult;
  options: ValidatorOptions;
  configFile?: string;
  /** What the routine itself asked of its gate (its .lzvalidator.json, its ignore comments): every report lists it. */
  routineSettings: RoutineSetting[];
  stats: { files: number; pythonFiles: number; bytes: number; ms: number };
}

export function summarize(findings: readonly Finding[]): Summary {
  const s: Summary = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === "error") s.errors++;
    else if (f.severity === "warning") s.warnings++;
    else s.infos++;
  }
  return s;
}

/** Failed when a finding reaches failOn; with issues when warnings remain below it; info never counts. */
export function gate(summary: Summary, failOn: FailOn): GateResult {
  if (failOn === "error" && summary.errors) return "Failed";
  if (failOn === "warning" && (summary.errors || summary.warnings)) return "Failed";
  if (summary.errors || summary.warnings) return "SucceededWithIssues";
  return "Succeeded";
}

const FIX_LABEL: Record<Lang, string> = { en: "Fix:", es: "Corrección:" };

/**
 * What the routine itself says about its findings (routineSettings.ts): `# lz: ignore[…]` comments
 * mark findings as suppressed, unless the rule protects production; the routine's own excludes drop
 * the findings of the other rules in those files. Each comment is listed once, with its reason, and a
 * refused or unexplained one adds its LZV002/LZV003 warning.
 */
export function applyRoutineSuppressions(
  raw: RawFinding[],
  options: ValidatorOptions,
  texts: Map<string, string>,
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
export function finalizeFindings(raw: RawFinding[], options: ValidatorOptions): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const r of raw) {
    const rule = ruleByCode(r.rule);
    if (!rule) throw new Error(`analyzer reported unregistered rule ${r.rule}`);
    const setting = options.rules[r.rule] ?? rule.severity;
    if (setting === "off") continue;
    const key = `${r.rule}|${r.file}|${r.line}|${r.column}|${r.args.join("|")}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const args = r.args.map((a) => translateArg(a, options.lang));
    const message = `${format(rule.message[options.lang], ...args)} ${FIX_LABEL[options.lang]} ${rule.fix[options.lang]}`;
    const severity: Severity = r.suppressed ? "info" : setting;
    const finding: Finding = { rule: r.rule, severity, file: r.file, line: r.line, column: r.column, message };
    if (r.minVersion) finding.minVersion = r.minVersion;
    if (r.suppressed) finding.suppressed = true;
    out.push(finding);
  }
  return out.sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : 1),
  );
}

let sharedParser: Promise<Parser> | undefined;

export interface ValidateHooks {
  /** Called after each file, for progress in the log on long work. */
  progress?(done: number, total: number): void;
  /**
   * Analyze the files elsewhere (worker threads); default: here, one by one. The task uses it for
   * every file, so that its main bundle carries neither parser.
   */
  analyzeFiles?(files: SourceFile[], ctx: AnalysisContext): Promise<RawFinding[]>;
  /** Findings of steps that ran before the engine (the HU attachments' download), gated with the rest. */
  findings?: RawFinding[];
}

export async function validateRoutine(
  root: string,
  inputs: OptionInputs,
  hooks: ValidateHooks = {},
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
  const ctx: AnalysisContext = { root: absRoot, options, files: walk.files, allPaths: walk.allPaths };

  const config = checkConfig(walk.files, walk.allPaths, {
    expectedDsn: options.expectedDsn,
    zona: options.zona,
    zoneKeys: options.zoneKeys,
  });
  raw.push(...config.findings);
  ctx.config = config.info;
  if (options.artifactVersion)
    raw.push(...checkVersion(absRoot, options.artifactVersion, options.versionFile).findings);
  raw.push(...checkManifest(walk.files, walk.allPaths));

  const python = walk.files.filter((f) => f.path.endsWith(".py"));
  if (hooks.analyzeFiles && walk.files.length) {
    raw.push(...(await hooks.analyzeFiles(walk.files, ctx)));
  } else {
    sharedParser ??= createPythonParser();
    const parser = python.length ? await sharedParser : undefined;
    walk.files.forEach((file, i) => {
      raw.push(...(file.path.endsWith(".py") ? analyzePythonFile(parser!, file, ctx) : analyzeTextFile(file, ctx)));
      hooks.progress?.(i + 1, walk.files.length);
    });
  }
  raw.push(...routineAnalyzers(ctx));
  raw.push(...(hooks.findings ?? []));
  if (options.logsPath)
    raw.push(...(await checkLogFolder(path.resolve(options.logsPath), options.logs, logLimitsOf(options))));

  const texts = new Map(walk.files.map((f) => [f.path, f.text] as [string, string]));
  const routine = applyRoutineSuppressions(raw, options, texts);
  const findings = finalizeFindings(routine.raw, options);
  const summary = summarize(findings);
  return {
    findings,
    summary,
    result: gate(summary, options.failOn),
    options,
    configFile: resolved.configFile,
    routineSettings: [...resolved.routineSettings, ...routine.settings],
    stats: { files: walk.files.length, pythonFiles: python.length, bytes: walk.bytes, ms: Date.now() - started },
  };
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
    routineSettings: [],
    stats: { files: 0, pythonFiles: 0, bytes: 0, ms: Date.now() - started },
  };
}
