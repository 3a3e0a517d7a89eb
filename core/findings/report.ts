/**
 * The validator's outputs: the JSON report (docs/validate-report.schema.json), SARIF 2.1.0 (read
 * by the "SARIF SAST Scans Tab" extension and code-scanning tools) and the Markdown summary tab.
 */
import { cell, table } from "../markdown";
import { FindingsResult, GateResult, ruleOf, Summary } from "./summary";
import { rulePage } from "./rule";
import type { Finding, Lang, RoutineSetting } from "./types";

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

const ROUTINE_SETTINGS: Record<Lang, Record<string, string>> = {
  en: {
    title: "Set by the routine itself (its .lzvalidator.json and # lz: ignore comments)",
    where: "Where",
    setting: "Setting",
    reason: "Reason",
    status: "Status",
    applied: "applied",
    refused: "refused: only the LZ team may",
    noReason: "(no reason given)",
  },
  es: {
    title: "Definido por la propia rutina (su .lzvalidator.json y sus comentarios # lz: ignore)",
    where: "Dónde",
    setting: "Ajuste",
    reason: "Motivo",
    status: "Estado",
    applied: "aplicado",
    refused: "rechazado: solo el equipo LZ puede",
    noReason: "(sin motivo)",
  },
};

/** What the routine asked of its own gate, as rows every report shows: where, what, why, applied or not. */
export function routineSettingRows(result: FindingsResult): { title: string; head: string[]; rows: string[][] } {
  const t = ROUTINE_SETTINGS[result.options.lang];
  return {
    title: t.title,
    head: [t.where, t.setting, t.reason, t.status],
    rows: result.routineSettings.map((r) => [
      `${r.file}:${r.line}`,
      r.setting,
      r.reason ?? t.noReason,
      r.applied ? t.applied : t.refused,
    ]),
  };
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

const HEAD: Record<Lang, Record<string, string>> = {
  en: {
    title: "Routine validation",
    result: "Result",
    counts: "%e errors, %w warnings, %i info",
    byRule: "Findings by rule",
    rule: "Rule",
    severity: "Severity",
    count: "Count",
    what: "What it checks",
    none: "No findings: the routine passes the gate.",
    line: "Line",
    message: "Finding",
    routineWide: "(the routine)",
  },
  es: {
    title: "Validación de la rutina",
    result: "Resultado",
    counts: "%e errores, %w advertencias, %i informativos",
    byRule: "Hallazgos por regla",
    rule: "Regla",
    severity: "Severidad",
    count: "Cantidad",
    what: "Qué revisa",
    none: "Sin hallazgos: la rutina pasa la compuerta.",
    line: "Línea",
    message: "Hallazgo",
    routineWide: "(la rutina)",
  },
};

/** The summary tab: counts by rule, then every finding grouped by file. */
export function markdownSummary(result: FindingsResult, routine: string, docsBase = RULES_URL): string {
  const lang = result.options.lang;
  const h = HEAD[lang];
  const s = result.summary;
  const out: string[] = [`### ${h.title}: \`${cell(routine)}\``, ""];
  out.push(
    `**${h.result}: ${result.result}** — ${h.counts.replace("%e", String(s.errors)).replace("%w", String(s.warnings)).replace("%i", String(s.infos))}`,
    "",
  );
  if (result.routineSettings.length) {
    const settings = routineSettingRows(result);
    out.push(`#### ${settings.title}`, "", table(settings.head, settings.rows), "");
  }
  if (!result.findings.length) {
    out.push(h.none);
    return out.join("\n") + "\n";
  }
  const counts = new Map<string, number>();
  for (const f of result.findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  out.push(`#### ${h.byRule}`, "");
  out.push(
    table(
      [h.rule, h.severity, h.count, h.what],
      [...counts].map(([code, n]) => {
        const r = ruleOf(result, code)!;
        return [
          code,
          result.options.rules[code] && result.options.rules[code] !== "off"
            ? String(result.options.rules[code])
            : r.severity,
          String(n),
          r.title[lang],
        ];
      }),
    ).replace(/^\| ([A-Z]+[0-9]+) \|/gm, (_m, code: string) =>
      docsBase ? `| [${code}](${docsBase}${rulePage(code)}) |` : `| ${code} |`,
    ),
  );
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, findings] of byFile) {
    out.push("", `#### ${file ? `\`${cell(file)}\`` : h.routineWide}`, "");
    out.push(
      table(
        [h.line, h.rule, h.severity, h.message],
        findings.map((f) => [
          `${f.line}:${f.column}`,
          f.rule,
          f.suppressed ? `${f.severity} (lz: ignore)` : f.severity,
          f.message,
        ]),
      ),
    );
  }
  return out.join("\n") + "\n";
}
