/**
 * version.txt against the artifact version (VER001). One implementation for ValidateRoutine and
 * VerifyRoutineEnv. The installed layout keeps version.txt beside venv/:
 *   /avirtual/<zona>/<repository or package>/version.txt
 *   /avirtual/<zona>/<repository or package>/venv/lib/python3.5/site-packages/<site-package>/
 * so it is searched in the routine folder and up its parents to the folder that holds venv/.
 */
import * as fs from "fs";
import * as path from "path";
import type { RawFinding } from "../findings/types";

export function findVersionFile(routineRoot: string): string | undefined {
  let dir = path.resolve(routineRoot);
  for (let i = 0; i < 12; i++) {
    const candidate = path.join(dir, "version.txt");
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    if (fs.existsSync(path.join(dir, "venv"))) return undefined; // reached the environment's folder
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

export interface VersionCheck {
  findings: RawFinding[];
  versionFile?: string;
  installedVersion?: string;
}

/** `file` in findings is the version file relative to `reportRoot` when inside it, else its absolute path. */
export function checkVersion(routineRoot: string, artifactVersion: string, versionFile?: string): VersionCheck {
  const file = versionFile ? path.resolve(versionFile) : findVersionFile(routineRoot);
  const shown = (f: string) => {
    const rel = path.relative(routineRoot, f);
    return !rel.startsWith("..") && !path.isAbsolute(rel) ? rel.split(path.sep).join("/") : f;
  };
  if (!file || !fs.existsSync(file)) {
    return {
      findings: [{ rule: "VER002", file: "", line: 1, column: 1, args: [versionFile ?? routineRoot, artifactVersion] }],
    };
  }
  const installed = fs
    .readFileSync(file, "utf8")
    .replace(/^\uFEFF/, "")
    .trim();
  const findings: RawFinding[] = [];
  if (installed !== artifactVersion.trim()) {
    findings.push({ rule: "VER001", file: shown(file), line: 1, column: 1, args: [installed, artifactVersion.trim()] });
  }
  return { findings, versionFile: file, installedVersion: installed };
}
