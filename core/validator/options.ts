/**
 * Validator settings: defaults ← `.lzvalidator.json` at the routine root (or `configFile`) ←
 * task inputs / CLI flags. The file is checked against VALIDATOR_CONFIG_SCHEMA (also published
 * as docs/lzvalidator.schema.json for editors); a bad setting is an LZV001 finding, never ignored.
 */
import * as fs from "fs";
import * as path from "path";
import type { ErrorObject } from "ajv";
import { validate as checkConfigSchema } from "./configSchema.generated";
import { DEFAULT_ZONE_KEYS, parseStrictJson } from "../config/json";
import { ruleByCode } from "./registry";
import type { FailOn, Lang, RawFinding, RuleSetting } from "../findings/types";
import { parseVersion } from "../python/versions";
import { DEFAULT_LOG_REQUIREMENTS, LogRequirements } from "../logs/checkLogs";
import { DEFAULT_READ_LIMITS, isLimit, MAX_READ_LIMIT, READ_LIMIT_NAMES, type ReadLimits } from "../files/limits";
import { patternError } from "../userPattern";
import { type Message, msg } from "../i18n/catalogue";
import {
  ExcludeEntry,
  excludePattern,
  protectedRuleCodes,
  readRoutineConfig,
  RoutineSetting,
  RuleEntry,
  ruleSeverity,
} from "./routineSettings";

export interface ValidatorOptions extends ReadLimits {
  pythonVersion: string;
  /** "info": code a guard protects is reported as info (the default); "strict": it counts like any other. */
  pythonGuards: "info" | "strict";
  expectedDsn: string;
  zona?: string;
  artifactVersion?: string;
  versionFile?: string;
  zoneKeys: string[];
  maxFileSizeKb: number;
  exclude: string[];
  rules: Record<string, RuleSetting>;
  sqlCallNames: string[];
  /**
   * The LZ team's allow-list for SEC001/PTH001: regular expressions, each matching a whole name or
   * path (never a value). Only from the task's inputs or an explicit configFile (LZV005 otherwise).
   */
  allowedNamesAndPaths: string[];
  failOn: FailOn;
  lang: Lang;
  /** Folder of the user's run logs (.log, .zip) to check (LOG001–LOG006); empty: not checked. */
  logsPath?: string;
  logs: LogRequirements;
  /** Rules the routine cannot silence: those that protect production and the ones the task input adds. */
  protectedRules: string[];
  /**
   * Globs from the routine's own .lzvalidator.json: their files are still read, and only findings of
   * protected rules are kept for them (`exclude` holds the LZ team's, which are not read at all).
   */
  routineExclude: string[];
}

export const DEFAULT_OPTIONS: ValidatorOptions = {
  pythonVersion: "3.5",
  pythonGuards: "info",
  expectedDsn: "impala-virtual-prd",
  zoneKeys: DEFAULT_ZONE_KEYS,
  maxFileSizeKb: 2048,
  exclude: [],
  rules: {},
  sqlCallNames: [],
  allowedNamesAndPaths: [],
  failOn: "error",
  lang: "en",
  logs: DEFAULT_LOG_REQUIREMENTS,
  protectedRules: [],
  routineExclude: [],
  ...DEFAULT_READ_LIMITS,
};

export const CONFIG_FILE_NAME = ".lzvalidator.json";

export const VALIDATOR_CONFIG_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "LZ routine validator configuration (.lzvalidator.json)",
  type: "object",
  additionalProperties: false,
  properties: {
    $schema: { type: "string" },
    pythonVersion: { type: "string", pattern: "^3\\.[0-9]{1,2}$", description: "Python version the routine runs on." },
    pythonGuards: {
      enum: ["info", "strict"],
      description:
        "Code a guard protects (try/except ImportError, hasattr, a sys.version_info check): reported as info (default), or counted like any other finding (strict).",
    },
    expectedDsn: { type: "string", minLength: 1, description: "dsn that config.json must have." },
    zona: { type: "string", description: "The routine's results zone (Impala database)." },
    zoneKeys: {
      type: "array",
      items: { type: "string", minLength: 1 },
      minItems: 1,
      description: "config.json keys that may hold the results zone, tried in order.",
    },
    maxFileSizeKb: { type: "integer", minimum: 1, description: "Files larger than this are skipped (info finding)." },
    exclude: {
      type: "array",
      items: {
        anyOf: [
          { type: "string" },
          {
            type: "object",
            additionalProperties: false,
            required: ["pattern"],
            properties: { pattern: { type: "string" }, reason: { type: "string" } },
          },
        ],
      },
      description:
        'Glob patterns of files not to analyze, relative to the routine root; `{ "pattern": …, "reason": "…" }` says why. From the routine\'s own file, the rules that protect production still read them.',
    },
    rules: {
      type: "object",
      additionalProperties: {
        anyOf: [
          { enum: ["error", "warning", "info", "off"] },
          {
            type: "object",
            additionalProperties: false,
            required: ["severity"],
            properties: {
              severity: { enum: ["error", "warning", "info", "off"] },
              reason: { type: "string", description: "Why: the reports and the HU comment show it." },
            },
          },
        ],
      },
      description:
        'Severity per rule code, or off; `{ "severity": …, "reason": "…" }` says why. In the routine\'s own file, rules that protect production cannot be changed and a change without a reason is a warning (LZV002, LZV003).',
    },
    sqlCallNames: {
      type: "array",
      items: { type: "string" },
      description: "More function or method names whose string arguments are SQL.",
    },
    allowedNamesAndPaths: {
      type: "array",
      items: { type: "string", minLength: 1 },
      description:
        "The LZ team's allow-list for SEC001/PTH001: regular expressions (case-insensitive), each matching a whole name (variable, key, parameter) or path, never a value. Refused in the routine's own .lzvalidator.json (LZV005); only in a file the task input configFile names.",
    },
    failOn: { enum: ["error", "warning", "never"] },
    logs: {
      type: "object",
      additionalProperties: false,
      description: "Requirements on the user's run logs (LOG001–LOG006).",
      properties: {
        minFiles: { type: "integer", minimum: 0 },
        minDays: { type: "integer", minimum: 0 },
        minHoursApart: { type: "number", minimum: 0 },
        successPattern: {
          type: "string",
          minLength: 1,
          description: "Regular expression (case-insensitive) of the orchestrator's successful end.",
        },
        errorPattern: { type: "string", minLength: 1 },
        toleratedPatterns: {
          type: "array",
          items: { type: "string" },
          description:
            "Error lines (or a traceback's cause) matching one of these are tolerated; replaces the default list (Impala's intermittences in English and Spanish). Refused in the routine's own .lzvalidator.json (LZV005).",
        },
        retryPatterns: {
          type: "array",
          items: { type: "string" },
          description:
            "A line matching one of these, after an error line and before the next one in the same log, tolerates that error (a retry that succeeded); replaces the default list. Refused in the routine's own .lzvalidator.json (LZV005).",
        },
      },
    },
  },
} as const;

/** VALIDATOR_CONFIG_SCHEMA compiled ahead of time (scripts/rule-docs.mjs): no schema compiler in the bundles. */
const validateConfig = checkConfigSchema as ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

export interface OptionInputs extends Partial<
  Omit<ValidatorOptions, "rules" | "protectedRules" | "routineExclude" | "allowedNamesAndPaths">
> {
  configFile?: string;
  /** Allow-list patterns, one per line (task input allowedNamesAndPaths / CLI --allowed-names-and-paths). */
  allowedNamesAndPaths?: string;
  /** More tolerated log patterns, one per line, added to the list (task input logToleratedPatterns). */
  logToleratedPatterns?: string;
  /** More retry-success log patterns, one per line, added to the list (task input logRetryPatterns). */
  logRetryPatterns?: string;
  /** `CODE=severity` lines (task input ruleSeverities / CLI --rule-severities). */
  ruleSeverities?: string;
  /** More rule codes the routine cannot silence, one per line or comma-separated (task input protectedRules). */
  protectedRules?: string;
}

/** Options not set from a same-named input (they have their own parsing or come only from files). */
const NOT_PLAIN_INPUTS = new Set([
  "configFile",
  "ruleSeverities",
  "protectedRules",
  "routineExclude",
  "allowedNamesAndPaths",
  "logToleratedPatterns",
  "logRetryPatterns",
]);

/** A multi-line input's entries: one per line, blank lines and `#` comments left out. */
const patternLines = (text: string | undefined): string[] =>
  (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));

function lzv(message: Message, file = ""): RawFinding {
  return { rule: "LZV001", file, line: 1, column: 1, args: [message] };
}

export function resolveOptions(
  routineRoot: string,
  inputs: OptionInputs,
): { options: ValidatorOptions; findings: RawFinding[]; configFile?: string; routineSettings: RoutineSetting[] } {
  const findings: RawFinding[] = [];
  const options: ValidatorOptions = {
    ...DEFAULT_OPTIONS,
    rules: {},
    logs: { ...DEFAULT_LOG_REQUIREMENTS },
    allowedNamesAndPaths: [],
    routineExclude: [],
  };
  const extraProtected = (inputs.protectedRules ?? "")
    .split(/\r?\n|,/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  options.protectedRules = [...protectedRuleCodes(extraProtected)];
  let routineSettings: RoutineSetting[] = [];
  const explicit = inputs.configFile;
  const configFile = explicit ? path.resolve(explicit) : path.join(routineRoot, CONFIG_FILE_NAME);
  let usedConfig: string | undefined;
  if (fs.existsSync(configFile)) {
    usedConfig = configFile;
    const shown = explicit ?? CONFIG_FILE_NAME;
    const { tree, errors } = parseStrictJson(fs.readFileSync(configFile, "utf8").replace(/^\uFEFF/, ""));
    if (errors.length || !tree) {
      findings.push(lzv(msg("LzvNotJson", shown, errors[0]?.offset ?? 0), explicit ? "" : CONFIG_FILE_NAME));
    } else {
      const data = JSON.parse(fs.readFileSync(configFile, "utf8").replace(/^\uFEFF/, ""));
      if (!validateConfig(data)) {
        for (const e of validateConfig.errors ?? []) {
          const where = e.instancePath || msg("LzvTopLevel");
          const extra = e.params && "additionalProperty" in e.params ? ` '${String(e.params.additionalProperty)}'` : "";
          findings.push(lzv(msg("LzvSchema", shown, where, `${e.message}${extra}`), explicit ? "" : CONFIG_FILE_NAME));
        }
      } else if (!explicit) {
        // The routine's own file: untrusted (routineSettings.ts).
        const text = fs.readFileSync(configFile, "utf8").replace(/^\uFEFF/, "");
        const routine = readRoutineConfig(data, text, tree, new Set(options.protectedRules));
        findings.push(...routine.findings);
        Object.assign(options.rules, routine.rules);
        options.routineExclude = routine.exclude;
        if (routine.zoneKeys) options.zoneKeys = routine.zoneKeys;
        if (routine.sqlCallNames) options.sqlCallNames = routine.sqlCallNames;
        routineSettings = routine.settings;
      } else {
        // A file the LZ team named in the task's inputs: trusted as a whole.
        const { rules, logs, exclude, ...rest } = data as Omit<Partial<ValidatorOptions>, "rules" | "exclude"> & {
          $schema?: string;
          rules?: Record<string, RuleEntry>;
          exclude?: ExcludeEntry[];
        };
        delete (rest as { $schema?: string }).$schema;
        Object.assign(options, rest);
        options.logs = { ...DEFAULT_LOG_REQUIREMENTS, ...(logs ?? {}) };
        for (const [code, entry] of Object.entries(rules ?? {}))
          options.rules[code.toUpperCase()] = ruleSeverity(entry);
        options.exclude = (exclude ?? []).map(excludePattern);
      }
    }
  } else if (explicit) {
    findings.push(lzv(msg("LzvConfigMissing", explicit)));
  }

  for (const [key, value] of Object.entries(inputs)) {
    if (NOT_PLAIN_INPUTS.has(key) || value === undefined || value === "") continue;
    (options as unknown as Record<string, unknown>)[key] = value;
  }
  for (const [index, raw] of (inputs.ruleSeverities ?? "").split(/\r?\n|,/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = /^([A-Za-z]+[0-9]+)\s*[=:]\s*(error|warning|info|off)$/i.exec(line);
    if (!m) {
      findings.push(lzv(msg("LzvRuleSeverityEntry", index + 1, line)));
      continue;
    }
    options.rules[m[1].toUpperCase()] = m[2].toLowerCase() as RuleSetting;
  }
  for (const code of [...Object.keys(options.rules), ...extraProtected]) {
    if (!ruleByCode(code)) findings.push(lzv(msg("LzvUnknownRule", code)));
  }
  options.allowedNamesAndPaths = [...options.allowedNamesAndPaths, ...patternLines(inputs.allowedNamesAndPaths)];
  const logInputs = { toleratedPatterns: inputs.logToleratedPatterns, retryPatterns: inputs.logRetryPatterns };
  for (const [key, text] of Object.entries(logInputs) as Array<["toleratedPatterns" | "retryPatterns", string]>) {
    const more = patternLines(text);
    if (more.length) options.logs = { ...options.logs, [key]: [...(options.logs[key] ?? []), ...more] };
  }
  options.allowedNamesAndPaths = options.allowedNamesAndPaths.filter((pattern) => {
    // Tested whole: the engine anchors it (core/routine/secrets.ts).
    const error = patternError(`^(?:${pattern})$`);
    if (error) findings.push(lzv(msg("LzvPatternInvalid", "allowedNamesAndPaths", pattern, error)));
    return !error;
  });
  for (const [key, pattern] of [
    ["logs.successPattern", options.logs.successPattern],
    ["logs.errorPattern", options.logs.errorPattern],
    ...options.logs.toleratedPatterns.map((p) => ["logs.toleratedPatterns", p]),
    ...(options.logs.retryPatterns ?? []).map((p) => ["logs.retryPatterns", p]),
  ]) {
    const error = patternError(pattern);
    if (error) {
      findings.push(lzv(msg("LzvPatternInvalid", key, pattern, error)));
      options.logs = { ...DEFAULT_LOG_REQUIREMENTS };
    }
  }
  if (!parseVersion(options.pythonVersion)) {
    findings.push(lzv(msg("LzvPythonVersion", options.pythonVersion)));
    options.pythonVersion = DEFAULT_OPTIONS.pythonVersion;
  }
  for (const name of READ_LIMIT_NAMES) {
    if (isLimit(options[name])) continue;
    findings.push(lzv(msg("LzvLimit", name, String(options[name]), MAX_READ_LIMIT)));
    options[name] = DEFAULT_READ_LIMITS[name];
  }
  if (!["error", "warning", "never"].includes(options.failOn)) {
    findings.push(lzv(msg("LzvFailOn", options.failOn)));
    options.failOn = "error";
  }
  return { options, findings, configFile: usedConfig, routineSettings };
}
