/**
 * Deploy DEV / Deploy CER of the coordinators (process note 001): after the deploy, the API's cfg
 * folder must be there (`/opt/gitDevops/ProductizarLaAnalitica/<ApiName>/API/cfg`), the temp data
 * folder is created (`/data01/Cloud/TMP_FILES/<ApiName>`), and each cfg is run from the coordinator
 * home as the note does by hand:
 *
 *   cd /opt/gitDevops/ProductizarLaAnalitica/ProductizarPy3 && python3 coordinatorV2.py <cfg>
 *
 * Each run goes through RunRoutine's runner (core/run/runRoutine.ts): streamed, classified, stopped
 * with every process it started at its timeout. At most `concurrency` run at once, never more than
 * the Glue job's MaxConcurrentRuns. Then the logs the coordinators wrote in the logs folder during the
 * runs get the run-log checks (core/logs: errors but the known intermittent ones, LOG005; the read
 * bounds, LOG007/LOG008; an end-of-run pattern when one is given, LOG004).
 */
import * as fs from "fs";
import * as path from "path";
import { isMap } from "yaml";
import { child, scalarText } from "./cfnYaml";
import { apiPascal } from "./naming";
import type { TemplateModel } from "./template";
import { DEFAULT_LOG_REQUIREMENTS, LogChecker } from "../logs/checkLogs";
import { DEFAULT_LOG_LIMITS, forEachLog, LogLimits } from "../logs/readLogs";
import { runRoutine } from "../run/runRoutine";
import type { RawFinding } from "../findings/types";
import type { MessageKey } from "../i18n/catalogue";

export interface CoordinatorRunOptions {
  cfgFolder: string;
  /** The cfgs to run, by table; default: every `.json` of the folder, in name order. */
  tables?: string[];
  /** Where coordinatorV2.py is (the command runs there). */
  home: string;
  python: string;
  script: string;
  tempDataFolder: string;
  concurrency: number;
  /** The Glue job's MaxConcurrentRuns, when the template is known: concurrency never exceeds it. */
  maxConcurrentRuns?: number;
  timeoutMs: number;
  expectedErrorPatterns: string[];
  /** The coordinators' logs folder (`<deploy>/<ApiName>/TMP_FILES/logs`): its new logs are checked. */
  logsFolder?: string;
  /** Case-insensitive pattern a coordinator log must hold to count as finished (LOG004); none by default. */
  successPattern?: string;
  /** Tolerated and retry-success log patterns the LZ team adds to the defaults (task inputs). */
  logToleratedPatterns?: string[];
  logRetryPatterns?: string[];
  /** Where each `<table>-output.log` is written. */
  outputDir: string;
  onLine?(table: string, line: string): void;
  onStart?(table: string, command: string): void;
  maxLineBytes?: number;
  killGraceMs?: number;
  logLimits?: LogLimits;
}

export interface CoordinatorOutcome {
  table: string;
  cfg: string;
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  outputFile: string;
  findings: RawFinding[];
  failed: boolean;
}

export interface CoordinatorsOutcome {
  coordinators: CoordinatorOutcome[];
  /** Findings of the runs (each at its `<table>-output.log`) and of the logs folder. */
  findings: RawFinding[];
  concurrency: number;
  logFiles?: number;
}

/** The problems that stop before anything runs (the task's message keys, with arguments). */
export class CoordinatorSetupError extends Error {
  constructor(
    readonly code: MessageKey,
    readonly args: Array<string | number>,
  ) {
    super(`${code} ${args.join(" ")}`);
  }
}

/** A shell word: single-quoted, so that no path or name is interpreted by /bin/sh. */
export const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** MaxConcurrentRuns of the API's Glue job (`glueJob<ApiName>`, else the template's only Glue job). */
export function glueMaxConcurrentRuns(model: TemplateModel, api?: string): number | undefined {
  const jobs = [...model.resources.values()].filter((r) => r.type === "AWS::Glue::Job");
  const wanted = api ? `gluejob${apiPascal(api).toLowerCase()}` : undefined;
  const job = jobs.find((j) => j.name.toLowerCase() === wanted) ?? (jobs.length === 1 ? jobs[0] : undefined);
  const value = job && child(child(child(job.node, "Properties"), "ExecutionProperty"), "MaxConcurrentRuns");
  const n = Number(scalarText(value));
  return Number.isInteger(n) && n > 0 && !isMap(value) ? n : undefined;
}

/** The cfg files to run, by table: the folder's `.json` files, or the listed tables (each must exist). */
export function coordinatorCfgs(cfgFolder: string, tables?: string[]): Array<{ table: string; cfg: string }> {
  if (!fs.existsSync(cfgFolder) || !fs.statSync(cfgFolder).isDirectory())
    throw new CoordinatorSetupError("CfgFolderMissing", [cfgFolder]);
  const files = fs
    .readdirSync(cfgFolder)
    .filter((f) => /\.json$/i.test(f))
    .sort();
  if (tables?.length) {
    const missing = tables.filter((t) => !files.includes(`${t}.json`));
    if (missing.length) throw new CoordinatorSetupError("CfgMissing", [missing.join(", "), cfgFolder]);
    return tables.map((t) => ({ table: t, cfg: path.join(cfgFolder, `${t}.json`) }));
  }
  if (!files.length) throw new CoordinatorSetupError("CfgFolderEmpty", [cfgFolder]);
  return files.map((f) => ({ table: f.replace(/\.json$/i, ""), cfg: path.join(cfgFolder, f) }));
}

export async function runCoordinators(options: CoordinatorRunOptions): Promise<CoordinatorsOutcome> {
  const cfgs = coordinatorCfgs(options.cfgFolder, options.tables);
  if (!fs.existsSync(path.join(options.home, options.script)))
    throw new CoordinatorSetupError("ScriptMissing", [path.join(options.home, options.script)]);
  fs.mkdirSync(options.tempDataFolder, { recursive: true });
  fs.mkdirSync(options.outputDir, { recursive: true });
  const concurrency = Math.max(1, Math.min(options.concurrency, options.maxConcurrentRuns ?? Infinity, cfgs.length));
  const started = Date.now();
  const outcomes: CoordinatorOutcome[] = new Array(cfgs.length);
  let next = 0;
  const worker = async () => {
    while (next < cfgs.length) {
      const index = next++;
      const { table, cfg } = cfgs[index];
      const command = [options.python, options.script, cfg].map(shellQuote).join(" ");
      const outputFile = path.join(options.outputDir, `${table}-output.log`);
      options.onStart?.(table, command);
      const run = await runRoutine({
        command,
        cwd: options.home,
        timeoutMs: options.timeoutMs,
        expectedErrorPatterns: options.expectedErrorPatterns,
        outputFile,
        maxLineBytes: options.maxLineBytes,
        killGraceMs: options.killGraceMs,
        onLine: (line) => options.onLine?.(table, line),
      });
      const name = path.basename(outputFile);
      // Findings about the run as a whole (exit code, timeout) are the coordinator's: at its output log.
      const findings = run.findings.map((f) => (f.file ? f : { ...f, file: name }));
      outcomes[index] = {
        table,
        cfg,
        exitCode: run.exitCode,
        timedOut: run.timedOut,
        durationMs: run.durationMs,
        outputFile,
        findings,
        failed: run.timedOut || run.exitCode !== 0 || findings.some((f) => f.rule === "RUN001"),
      };
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));

  const findings = outcomes.flatMap((o) => o.findings);
  let logFiles: number | undefined;
  if (options.logsFolder && fs.existsSync(options.logsFolder)) {
    const checker = new LogChecker({
      ...DEFAULT_LOG_REQUIREMENTS,
      minFiles: 0,
      minDays: 0,
      minHoursApart: 0,
      // An empty pattern matches every log: no end-of-run line is required unless one is given.
      successPattern: options.successPattern ?? "",
      toleratedPatterns: [...DEFAULT_LOG_REQUIREMENTS.toleratedPatterns, ...(options.logToleratedPatterns ?? [])],
      retryPatterns: [...DEFAULT_LOG_REQUIREMENTS.retryPatterns, ...(options.logRetryPatterns ?? [])],
    });
    let count = 0;
    const read = await forEachLog(options.logsFolder, options.logLimits ?? DEFAULT_LOG_LIMITS, (log) => {
      const file = path.join(options.logsFolder!, log.name.split(".zip/")[0]);
      // Older logs are earlier runs' evidence.
      if (!fs.existsSync(file) || fs.statSync(file).mtimeMs < started - 1000) return;
      count++;
      checker.add(log);
    });
    const logsShown = path.basename(options.logsFolder);
    const named = (f: RawFinding) => ({ ...f, file: f.file ? `${logsShown}/${f.file}` : logsShown });
    // Run-log evidence rules about a set of runs (count, days, spacing, time in the name) do not apply here.
    findings.push(
      ...read.map(named),
      ...checker
        .finish()
        .filter((f) => !["LOG001", "LOG002", "LOG003", "LOG006"].includes(f.rule))
        .map(named),
    );
    logFiles = count;
  }
  return { coordinators: outcomes, findings, concurrency, logFiles };
}
