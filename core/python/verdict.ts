/**
 * A Python file's verdict from its findings, the measure of the Python 3.5 gate (issue 15):
 * any PY001 → "syntax-error"; else any PY002 → "py2"; else the highest minVersion of PY003/PY004 →
 * "needs 3.N"; else "ok". Info findings (guarded code, `# lz: ignore`) never change it; neither do
 * the other rules. The corpus test/fixtures/py35 is labelled with the same four verdicts.
 */
import { parseVersion } from "./versions";

export type PythonVerdict = "syntax-error" | "py2" | "ok" | `needs 3.${number}`;

/** What the verdict reads of a finding. */
export interface VerdictFinding {
  rule: string;
  severity: string;
  minVersion?: string;
}

export function pythonVerdict(findings: readonly VerdictFinding[]): PythonVerdict {
  const counted = findings.filter((f) => f.severity !== "info" && /^PY00[1-4]$/.test(f.rule));
  if (counted.some((f) => f.rule === "PY001")) return "syntax-error";
  if (counted.some((f) => f.rule === "PY002")) return "py2";
  let newest = -1;
  for (const f of counted) {
    const v = (f.rule === "PY003" || f.rule === "PY004") && f.minVersion ? parseVersion(f.minVersion) : undefined;
    if (v && v[1] > newest) newest = v[1];
  }
  return newest < 0 ? "ok" : `needs 3.${newest}`;
}
