/** JSON Schema of the validator's JSON report (published as docs/validate-report.schema.json). */
export const VALIDATE_REPORT_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "LZ ValidateRoutine report (ValidateRoutine-report.json, lz validate --format json)",
  type: "object",
  required: ["tool", "routine", "pythonVersion", "failOn", "result", "findings", "summary", "routineSettings"],
  additionalProperties: false,
  properties: {
    tool: {
      type: "object",
      required: ["name", "version"],
      properties: { name: { type: "string" }, version: { type: "string" } },
    },
    routine: { type: "string" },
    pythonVersion: { type: "string", pattern: "^3\\.[0-9]+$" },
    failOn: { enum: ["error", "warning", "never"] },
    result: { enum: ["Succeeded", "SucceededWithIssues", "Failed"] },
    findings: {
      type: "array",
      items: {
        type: "object",
        required: ["rule", "severity", "file", "line", "column", "message"],
        additionalProperties: false,
        properties: {
          rule: { type: "string", pattern: "^[A-Z]+[0-9]{3}$" },
          severity: { enum: ["error", "warning", "info"] },
          file: {
            type: "string",
            description: "Relative to the routine, '/' separators; empty for the routine as a whole.",
          },
          line: { type: "integer", minimum: 1 },
          column: { type: "integer", minimum: 1, description: "1-based, in characters." },
          message: { type: "string", minLength: 1 },
          minVersion: { type: "string" },
          suppressed: { type: "boolean" },
          fix: {
            type: "object",
            description:
              "PY003/PY004: the finding's Python 3.5 form, self-contained (apply it alone); as SARIF's result.fixes[0].",
            required: ["description", "replacements"],
            additionalProperties: false,
            properties: {
              description: { type: "string" },
              replacements: {
                type: "array",
                items: {
                  type: "object",
                  required: ["deletedRegion", "insertedContent"],
                  additionalProperties: false,
                  properties: {
                    deletedRegion: {
                      type: "object",
                      description: "1-based lines; columns, charOffset and charLength in characters (code points).",
                      required: ["startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength"],
                      additionalProperties: false,
                      properties: {
                        startLine: { type: "integer", minimum: 1 },
                        startColumn: { type: "integer", minimum: 1 },
                        endLine: { type: "integer", minimum: 1 },
                        endColumn: { type: "integer", minimum: 1 },
                        charOffset: { type: "integer", minimum: 0 },
                        charLength: { type: "integer", minimum: 0 },
                      },
                    },
                    insertedContent: {
                      type: "object",
                      required: ["text"],
                      additionalProperties: false,
                      properties: { text: { type: "string" } },
                    },
                  },
                },
              },
            },
          },
          noFix: { type: "string", description: "PY003/PY004 without a fix: why." },
        },
      },
    },
    routineSettings: {
      type: "array",
      description:
        "What the routine itself asked of its gate: its own .lzvalidator.json and its # lz: ignore comments, applied or refused.",
      items: {
        type: "object",
        required: ["file", "line", "setting", "applied"],
        additionalProperties: false,
        properties: {
          file: { type: "string" },
          line: { type: "integer", minimum: 1 },
          setting: { type: "string" },
          reason: { type: "string" },
          applied: {
            type: "boolean",
            description: "false: refused (a protected rule or a setting only the LZ team may change).",
          },
        },
      },
    },
    summary: {
      type: "object",
      required: ["errors", "warnings", "infos"],
      additionalProperties: false,
      properties: { errors: { type: "integer" }, warnings: { type: "integer" }, infos: { type: "integer" } },
    },
  },
} as const;
