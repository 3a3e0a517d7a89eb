/** The CPython interpreters pyenv installed (3.6–3.13 on the development machines), when present. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const PYENV = process.env.PYENV_ROOT ?? "/root/.pyenv";

/** The interpreter of `version` ("3.6"), or undefined when this machine has none. */
export function pythonOf(version: string): string | undefined {
  const dir = path.join(PYENV, "versions");
  if (!fs.existsSync(dir)) return undefined;
  const found = fs
    .readdirSync(dir)
    .filter((v) => v === version || v.startsWith(`${version}.`))
    .map((v) => path.join(dir, v, "bin", "python"))
    .find((p) => fs.existsSync(p));
  return found;
}

export interface PythonRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs code with the interpreter (cwd: a folder of the caller's), a fixed hash seed so output repeats. */
export function runPython(python: string, code: string, cwd?: string, file?: string): PythonRun {
  const r = spawnSync(python, file ? [file] : ["-"], {
    input: file ? undefined : code,
    cwd,
    encoding: "utf8",
    timeout: 20000,
    env: { PATH: process.env.PATH ?? "", PYTHONHASHSEED: "0", PYTHONIOENCODING: "utf-8", LC_ALL: "C.UTF-8" },
  });
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}
