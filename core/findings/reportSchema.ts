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
