// Writes docs/rules/<CODE>.md for every registered rule, docs/rules/README.md (the catalogue),
// docs/lzvalidator.schema.json and docs/validate-report.schema.json from core/validator (compiled
// in build/ts by `npm run build`), and core/validator/configSchema.generated.ts: the .lzvalidator.json
// schema compiled to code by ajv's standalone mode, so the task bundles carry that small function
// instead of ajv's compiler (about 110 KB).   --check: fail when any of them is stale.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { root } from "./tasks.mjs";

const require = createRequire(import.meta.url);
const Ajv = require("ajv").default;
const standaloneCode = require("ajv/dist/standalone").default;
const compiled = path.join(root, "build", "ts", "core", "validator", "catalogue.js");
if (!fs.existsSync(compiled)) {
  console.error("rule-docs: run npm run build first (needs build/ts)");
  process.exit(2);
}
const { allRules, VALIDATOR_CONFIG_SCHEMA, VALIDATE_REPORT_SCHEMA } = require(compiled);
const check = process.argv.includes("--check");
const files = new Map();

const CATEGORY = {
  python: "Python",
  "paths-and-secrets": "Paths and secrets",
  configuration: "Configuration",
  packaging: "Packaging",
  files: "Files",
  validator: "Validator",
  sql: "SQL",
  environment: "Installed environment",
  logs: "Run logs",
  api: "API infrastructure and coordinators",
};

for (const rule of allRules()) {
  const lines = [
    `# ${rule.code} — ${rule.name}`,
    "",
    `**Default severity:** ${rule.severity} · **Category:** ${CATEGORY[rule.category] ?? rule.category}`,
    "",
    "## What it does",
    "",
    rule.title.en,
    "",
    `*Español:* ${rule.title.es}`,
    "",
    "## Why it matters",
    "",
    rule.why,
    "",
  ];
  if (rule.example) {
    lines.push(
      "## Example",
      "",
      "Finding:",
      "",
      "```" + rule.example.language,
      rule.example.bad,
      "```",
      "",
      "Fixed:",
      "",
      "```" + rule.example.language,
      rule.example.good,
      "```",
      "",
    );
  }
  if (rule.allowed) lines.push("## What is not a finding", "", ...rule.allowed, "");
  if (rule.allowList)
    lines.push(
      "## The LZ team's allow-list",
      "",
      "For a name or path that is right for the whole project (a shared service folder, a team-wide variable name), the LZ team",
      "adds a pattern to ValidateRoutine's input *Allowed names and paths* (`allowedNamesAndPaths`, one regular expression per line,",
      "case-insensitive, matching the **whole** name or path), or `--allowed-names-and-paths` of `lz validate`, or",
      '`"allowedNamesAndPaths": […]` in the configuration file the task input *Validator configuration* names:',
      "",
      "```yaml",
      "- task: ValidateRoutine@1",
      "  inputs:",
      "    allowedNamesAndPaths: |",
      "      /opt/cloudera/parcels/.*",
      "      clave_(particion|negocio)_.*",
      "```",
      "",
      "A SEC001 found by its name, a hard-coded user (by its name) and a PTH001 path that a pattern matches are let through.",
      "Patterns are tested on names and paths, **never on values**: a credential of a known format is reported whatever the",
      "list says. The routine cannot allow itself anything: `allowedNamesAndPaths` in its own `.lzvalidator.json` is refused",
      "(LZV005, an error). Patterns run in a linear-time engine (RE2) when they can; others under a time budget (LZV004).",
      "",
    );
  if (rule.logPatterns)
    lines.push(
      "## The LZ team's log patterns",
      "",
      "ValidateRoutine and RunCoordinators take two inputs, one regular expression per line (case-insensitive), **added** to the",
      "defaults above: *Tolerated log patterns* (`logToleratedPatterns`: an error line, or a traceback's cause, that matches is",
      "tolerated) and *Retry-success log patterns* (`logRetryPatterns`: a later line that matches tolerates the error before it).",
      "`lz validate --log-tolerated-patterns` / `--log-retry-patterns` do the same. A configuration file the task input",
      '*Validator configuration* names may set the whole lists (`"logs": { "toleratedPatterns": […], "retryPatterns": […] }`).',
      "The routine's own `.lzvalidator.json` cannot (LZV005, an error).",
      "",
    );
  lines.push("## How to fix", "", rule.fix.en, "", `*Español:* ${rule.fix.es}`, "", "## How to silence", "");
  if (rule.category === "api") {
    // The API family runs in ValidateApiInfra: no routine .lzvalidator.json there; the template is YAML.
    // Template rules (API001–API019) can be silenced on a line of the YAML; params and cfg files are JSON, without comments.
    if (Number(rule.code.slice(3)) < 20 && !["API007", "API008", "API009", "API010", "API011"].includes(rule.code))
      lines.push(
        `- One line of the template: add \`# lz: ignore[${rule.code}] <why>\` at the end of the line (a YAML comment);`,
        "  the finding is then reported as info, and the reports list it with its reason (without one: LZV003).",
      );
    lines.push(
      `- Everywhere: \`${rule.code}=off\` (or \`warning\`, \`info\`) in the ValidateApiInfra input *Rule severities*.`,
      "",
    );
  } else if (rule.protectsProduction) {
    lines.push(
      `${rule.code} protects production: **the routine cannot silence it**. Its own \`.lzvalidator.json\` and its`,
      `\`# lz: ignore[${rule.code}]\` comments are refused (LZV002) and listed in the reports and on the HU.`,
      "",
      `- The LZ team, and only it, can change it for a release: \`${rule.code}=warning\` (or \`info\`, \`off\`) in the task input`,
      "  *Rule severities*, or in a `.lzvalidator.json` the task input *Configuration file* names.",
      "",
    );
  } else {
    lines.push(
      `- One line: add \`# lz: ignore[${rule.code}] <why>\` (or \`-- lz: ignore[${rule.code}] <why>\` in SQL) at the end of the line;`,
      "  the finding is then reported as info, and the reports and the HU comment list it with its reason (without one: LZV003).",
      `- Everywhere: \`"rules": { "${rule.code}": { "severity": "off", "reason": "<why>" } }\` (or \`"warning"\`, \`"info"\`) in`,
      `  \`.lzvalidator.json\`, or \`${rule.code}=off\` in the task input *Rule severities* (the LZ team's).`,
      "",
    );
  }
  files.set(path.join(root, "docs", "rules", `${rule.code}.md`), lines.join("\n"));
}

const catalogue = [
  "# Validator rules",
  "",
  "Every finding (hallazgo) carries one of these stable codes. *Generated from core/validator by `npm run docs`.*",
  "",
  "| Code | Name | Default severity | Category | What it checks |",
  "|---|---|---|---|---|",
  ...allRules().map(
    (r) =>
      `| [${r.code}](${r.code}.md) | ${r.name} | ${r.severity} | ${CATEGORY[r.category] ?? r.category} | ${r.title.en} |`,
  ),
  "",
  "Severities can be changed per rule in `.lzvalidator.json` ([schema](../lzvalidator.schema.json)) or the task input *Rule severities*; one line is silenced with `# lz: ignore[CODE] <why>`. The rules that protect production (SEC001, CFG002, PY001–PY004, FS005, FS006, and any the task input *Protected rules* names) cannot be silenced from inside the routine: only through the task's inputs.",
  "",
].join("\n");
files.set(path.join(root, "docs", "rules", "README.md"), catalogue);
files.set(path.join(root, "docs", "lzvalidator.schema.json"), JSON.stringify(VALIDATOR_CONFIG_SCHEMA, null, 2) + "\n");
files.set(
  path.join(root, "docs", "validate-report.schema.json"),
  JSON.stringify(VALIDATE_REPORT_SCHEMA, null, 2) + "\n",
);
// Same options as the validator had at run time: every error, unknown keywords (description) ignored.
const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, esm: true } });
files.set(
  path.join(root, "core", "validator", "configSchema.generated.ts"),
  [
    "// Generated by scripts/rule-docs.mjs (npm run docs) from VALIDATOR_CONFIG_SCHEMA in options.ts with ajv's",
    "// standalone code generation; do not edit. A test fails when it is stale.",
    "// @ts-nocheck",
    "/* eslint-disable */",
    standaloneCode(ajv, ajv.compile(VALIDATOR_CONFIG_SCHEMA)),
    "",
  ].join("\n"),
);

const stale = [];
for (const [file, content] of files) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  if (current === content) continue;
  if (check) stale.push(path.relative(root, file));
  else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}
const known = new Set([...files.keys()].map((f) => path.basename(f)));
for (const f of fs.existsSync(path.join(root, "docs", "rules"))
  ? fs.readdirSync(path.join(root, "docs", "rules"))
  : []) {
  if (!known.has(f)) {
    if (check) stale.push(`docs/rules/${f} (no such rule)`);
    else fs.rmSync(path.join(root, "docs", "rules", f));
  }
}
if (stale.length) {
  console.error(`rule docs are stale, run npm run docs:\n${stale.join("\n")}`);
  process.exit(1);
}
