/**
 * VerifyRoutineEnv's checks, run on the deployment-group agent after Deploy DEV: the environment
 * folder under <base>/<zona>/<repository or package>, its venv/ and age, the installed
 * site-package, version.txt (VER001, the same check as ValidateRoutine) and, with the routine
 * as built from the PR, a file-by-file content comparison.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import "./rules";
import { DEFAULT_MAX_FOLDER_DEPTH, walkTree } from "../files/walk";
import { checkVersion } from "../routine/version";
import type { RawFinding } from "../findings/types";

export interface VerifyEnvInput {
  baseDirectory: string;
  zona: string;
  repositoryName?: string;
  packageName?: string;
  sitePackageName?: string;
  artifactVersion?: string;
  maxAgeHours: number;
  sourcePath?: string;
  /** Folder levels the comparison walks (FS005 past it); default 64. */
  maxFolderDepth?: number;
  /** For tests: the current time. */
  now?: Date;
}

export interface VerifyEnvResult {
  findings: RawFinding[];
  environment?: string;
  sitePackagePath?: string;
  sitePackageName?: string;
  installedVersion?: string;
  compared?: { files: number; changed: number; missing: number; extra: number };
}

/** `alm-bana_FCO2` ~ `alm_bana_fco2`: the team's names differ only in '-'/'_' and case. */
export function looseName(name: string): string {
  return name.trim().toLowerCase().replace(/-/g, "_");
}

function listDirs(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

function findByLooseName(dir: string, names: string[]): string | undefined {
  const entries = listDirs(dir);
  for (const name of names) if (entries.includes(name)) return name;
  const wanted = names.map(looseName);
  return entries.find((e) => wanted.includes(looseName(e)));
}

const IGNORED = /(^|\/)(__pycache__|\.git|[^/]+\.egg-info|[^/]+\.dist-info)(\/|$)|\.py[co]$/;

function listFiles(root: string, maxDepth: number, findings: RawFinding[]): Map<string, { abs: string; size: number }> {
  const out = new Map<string, { abs: string; size: number }>();
  // The validator's bounded walk (FS005 past maxDepth or at a path the system refuses), in the order
  // the system lists the entries, as before.
  walkTree(root, { maxDepth, sorted: false }, findings, (entry, abs, r) => {
    if (IGNORED.test(r)) return undefined;
    if (entry.isDirectory()) return abs;
    if (entry.isFile()) out.set(r, { abs, size: fs.statSync(abs).size });
    return undefined;
  });
  return out;
}

function sha256(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** Installed package vs the package as built from the PR, by content hash (sizes first: cheap). */
export function compareTrees(
  installed: string,
  source: string,
  options: { maxFolderDepth?: number } = {},
): { findings: RawFinding[]; files: number; changed: number; missing: number; extra: number } {
  const maxDepth = options.maxFolderDepth ?? DEFAULT_MAX_FOLDER_DEPTH;
  const walked: RawFinding[] = [];
  const a = listFiles(installed, maxDepth, walked);
  const b = listFiles(source, maxDepth, walked);
  // The same folder too deep in both trees is one finding.
  const seen = new Set<string>();
  const findings: RawFinding[] = [];
  for (const f of walked) {
    const key = `${f.file}|${f.args[1]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(f);
  }
  let changed = 0;
  let missing = 0;
  let extra = 0;
  for (const [rel, src] of b) {
    const inst = a.get(rel);
    if (!inst) {
      missing++;
      findings.push({ rule: "ENV006", file: rel, line: 1, column: 1, args: [rel] });
    } else if (inst.size !== src.size || sha256(inst.abs) !== sha256(src.abs)) {
      changed++;
      findings.push({ rule: "ENV005", file: rel, line: 1, column: 1, args: [rel] });
    }
  }
  for (const rel of a.keys()) {
    if (!b.has(rel)) {
      extra++;
      findings.push({ rule: "ENV007", file: rel, line: 1, column: 1, args: [rel] });
    }
  }
  return { findings, files: b.size, changed, missing, extra };
}

/** A source checkout has the package under src/<package>/ (or at its root): find the package folder. */
export function sourcePackageFolder(sourcePath: string, names: string[]): string {
  const inSrc = findByLooseName(path.join(sourcePath, "src"), names);
  if (inSrc) return path.join(sourcePath, "src", inSrc);
  const atRoot = findByLooseName(sourcePath, names);
  return atRoot ? path.join(sourcePath, atRoot) : sourcePath;
}

export function verifyEnvironment(input: VerifyEnvInput): VerifyEnvResult {
  const findings: RawFinding[] = [];
  const zonaDir = path.join(input.baseDirectory, input.zona);
  const names = [input.repositoryName, input.packageName].filter((n): n is string => !!n);
  const envName = findByLooseName(zonaDir, names);
  if (!envName) {
    const present = listDirs(zonaDir);
    findings.push({
      rule: "ENV001",
      file: "",
      line: 1,
      column: 1,
      args: [names.join(" / "), zonaDir, present.length ? present.slice(0, 15).join(", ") : "nothing"],
    });
    return { findings };
  }
  const environment = path.join(zonaDir, envName);
  const result: VerifyEnvResult = { findings, environment };
  const venv = path.join(environment, "venv");
  if (!fs.existsSync(venv)) {
    findings.push({ rule: "ENV002", file: "", line: 1, column: 1, args: [environment] });
  } else {
    // pyvenv.cfg is written once when the environment is created; the folder's own time moves.
    const marker = fs.existsSync(path.join(venv, "pyvenv.cfg")) ? path.join(venv, "pyvenv.cfg") : venv;
    const ageHours = ((input.now ?? new Date()).getTime() - fs.statSync(marker).mtime.getTime()) / 3_600_000;
    if (ageHours > input.maxAgeHours)
      findings.push({
        rule: "ENV003",
        file: "venv",
        line: 1,
        column: 1,
        args: [ageHours.toFixed(1), input.maxAgeHours],
      });

    const wanted = [input.sitePackageName, input.packageName, input.repositoryName].filter((n): n is string => !!n);
    const libDir = path.join(venv, "lib");
    const candidates: string[] = [];
    for (const py of listDirs(libDir).filter((d) => /^python3/.test(d))) {
      const siteDir = path.join(libDir, py, "site-packages");
      const hit = findByLooseName(siteDir, wanted);
      if (hit && !result.sitePackagePath) {
        result.sitePackagePath = path.join(siteDir, hit);
        result.sitePackageName = hit;
      }
      candidates.push(...listDirs(siteDir).filter((d) => !/\.(dist|egg)-info$|^__pycache__$|^_/.test(d)));
    }
    if (!result.sitePackagePath) {
      findings.push({
        rule: "ENV004",
        file: "",
        line: 1,
        column: 1,
        args: [
          wanted.join(" / "),
          path.join(libDir, "python3*", "site-packages"),
          candidates.slice(0, 20).join(", ") || "none",
        ],
      });
    }
  }
  if (input.artifactVersion) {
    const version = checkVersion(environment, input.artifactVersion, path.join(environment, "version.txt"));
    findings.push(...version.findings);
    result.installedVersion = version.installedVersion;
  }
  if (input.sourcePath && result.sitePackagePath) {
    const compared = compareTrees(
      result.sitePackagePath,
      sourcePackageFolder(input.sourcePath, [result.sitePackageName!, ...names]),
      { maxFolderDepth: input.maxFolderDepth },
    );
    findings.push(...compared.findings);
    result.compared = {
      files: compared.files,
      changed: compared.changed,
      missing: compared.missing,
      extra: compared.extra,
    };
  }
  return result;
}
