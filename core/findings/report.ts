/**
 * The validator's outputs: the JSON report (docs/validate-report.schema.json), SARIF 2.1.0 (read
 * by the "SARIF SAST Scans Tab" extension and code-scanning tools) and the Markdown summary tab.
 */
import { cell, table } from "../markdown";
import { FindingsResult, GateResult, ruleOf, Summary } from "./summary";
import { rulePage } from "./rule";
import { type MessageKey, render } from "../i18n/catalogue";
import { catalogueLocalizer } from "../i18n/localizer";
import { SEVERITY_KEY } from "../i18n/severity";
import type { Finding, Lang, RoutineSetting, Severity } from "./types";

export const TOOL_NAME = "lz-validate-routine";
/**
 * Where the rule pages (docs/rules/) are published, e.g. the bank's copy of this repository;
 * empty: reports name the page path without a link.
 */
export const RULES_URL = "";

export interface ValidationReport {
  tool: { name: string; version: string };
  routine: string;
  pythonVersion: string;
  failOn: string;
  result: GateResult;
  findings: Finding[];
  summary: Summary;
  routineSettings: RoutineSetting[];
}

export function jsonReport(result: FindingsResult, routine: string, version: string): ValidationReport {
  return {
    tool: { name: TOOL_NAME, version },
    routine,
    pythonVersion: result.options.pythonVersion,
    failOn: result.options.failOn,
    result: result.result,
    findings: result.findings,
    summary: result.summary,
    routineSettings: result.routineSettings,
  };
}

/** What the routine asked of its own gate, as rows every report shows: where, what, why, applied or not. */
export function routineSettingRows(result: FindingsResult): { title: string; head: string[]; rows: string[][] } {
  const t = catalogueLocalizer(result.options.lang);
  return {
    title: t("RoutineSettingsTitle"),
    head: [
      t("RoutineSettingsWhere"),
      t("RoutineSettingsSetting"),
      t("RoutineSettingsReason"),
      t("RoutineSettingsStatus"),
    ],
    rows: result.routineSettings.map((r) => [
      `${r.file}:${r.line}`,
      r.setting,
      r.reason ?? t("RoutineSettingsNoReason"),
      t(r.applied ? "RoutineSettingsApplied" : "RoutineSettingsRefused"),
    ]),
  };
}

/** The gate's verdict in the reader's language. */
export const RESULT_KEY: Record<GateResult, MessageKey> = {
  Succeeded: "ResultSucceeded",
  SucceededWithIssues: "ResultSucceededWithIssues",
  Failed: "ResultFailed",
};

/** "N errors, N warnings, N info" in the reader's language. */
export function countsText(summary: Summary, lang: Lang): string {
  return render(lang, "FindingCounts", summary.errors, summary.warnings, summary.infos);
}

const SARIF_LEVEL = { error: "error", warning: "warning", info: "note" } as const;

export function sarifReport(
  result: FindingsResult,
  routineRoot: string,
  version: string,
  docsBase = RULES_URL,
): object {
  const lang: Lang = result.options.lang;
  const rules = result.rules;
  const index = new Map(rules.map((r, i) => [r.code, i]));
  const rootUri = "file://" + routineRoot.split(/[\\/]/).map(encodeURIComponent).join("/").replace(/^\/*/, "/") + "/";
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version,
            ...(docsBase ? { informationUri: docsBase + "docs/rules/README.md" } : {}),
            rules: rules.map((r) => ({
              id: r.code,
              name: r.name,
              shortDescription: { text: r.title[lang] },
              fullDescription: { text: r.why },
              help: { text: r.fix[lang] },
              ...(docsBase ? { helpUri: docsBase + rulePage(r.code) } : {}),
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: rootUri } },
        // Findings count columns in characters, and so do the fixes' regions (charOffset included).
        columnKind: "unicodeCodePoints",
        results: result.findings.map((f) => {
          const location = f.file
            ? [
                {
                  physicalLocation: {
                    artifactLocation: {
                      uri: f.file.split("/").map(encodeURIComponent).join("/"),
                      uriBaseId: "SRCROOT",
                    },
                    region: { startLine: f.line, startColumn: f.column },
                  },
                },
              ]
            : [];
          const entry: Record<string, unknown> = {
            ruleId: f.rule,
            ruleIndex: index.get(f.rule),
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: location,
          };
          if (f.minVersion) entry.properties = { minVersion: f.minVersion };
          if (f.fix && location.length)
            entry.fixes = [
              {
                description: { text: f.fix.description },
                artifactChanges: [
                  { artifactLocation: location[0].physicalLocation.artifactLocation, replacements: f.fix.replacements },
                ],
              },
            ];
          else if (f.noFix) entry.properties = { ...(entry.properties as object), noFix: f.noFix };
          if (f.suppressed) {
            const by = result.routineSettings.find((r) => r.file === f.file && r.line === f.line && r.applied);
            entry.suppressions = [
              {
                kind: "inSource",
                justification: `# lz: ignore${by?.reason ? `: ${by.reason}` : " (no reason given)"}`,
              },
            ];
          }
          return entry;
        }),
        // What the routine asked of its own gate, applied or refused (routineSettings.ts).
        properties: { routineSettings: result.routineSettings },
      },
    ],
  };
}

/**
 * The summary tab: counts by rule, then every finding grouped by file, then `patch` (the fixes'
 * section, already rendered by core/validator/fixes.ts) when there is one.
 */
export function markdownSummary(result: FindingsResult, routine: string, docsBase = RULES_URL, patch?: string): string {
  const lang = result.options.lang;
  const t = catalogueLocalizer(lang);
  const severity = (s: Severity) => t(SEVERITY_KEY[s]);
  const out: string[] = [`### ${t("ReportTitle")}: \`${cell(routine)}\``, ""];
  out.push(`**${t("ReportResult")}: ${t(RESULT_KEY[result.result])}** — ${countsText(result.summary, lang)}`, "");
  if (result.routineSettings.length) {
    const settings = routineSettingRows(result);
    out.push(`#### ${settings.title}`, "", table(settings.head, settings.rows), "");
  }
  if (!result.findings.length) {
    out.push(t("ReportNoFindings"));
    return out.join("\n") + "\n";
  }
  const counts = new Map<string, number>();
  for (const f of result.findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  out.push(`#### ${t("ReportByRule")}`, "");
  out.push(
    table(
      [t("ReportRule"), t("ReportSeverity"), t("ReportCount"), t("ReportWhat")],
      [...counts].map(([code, n]) => {
        const r = ruleOf(result, code)!;
        const setting = result.options.rules[code];
        return [code, severity(setting && setting !== "off" ? setting : r.severity), String(n), r.title[lang]];
      }),
    ).replace(/^\| ([A-Z]+[0-9]+) \|/gm, (_m, code: string) =>
      docsBase ? `| [${code}](${docsBase}${rulePage(code)}) |` : `| ${code} |`,
    ),
  );
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, findings] of byFile) {
    out.push("", `#### ${file ? `\`${cell(file)}\`` : t("ReportRoutineWide")}`, "");
    out.push(
      table(
        [t("ReportLine"), t("ReportRule"), t("ReportSeverity"), t("ReportFinding")],
        findings.map((f) => [
          `${f.line}:${f.column}`,
          f.rule,
          f.suppressed ? `${severity(f.severity)} (lz: ignore)` : severity(f.severity),
          f.message,
        ]),
      ),
    );
  }
  if (patch) out.push("", patch);
  return out.join("\n") + "\n";
}
