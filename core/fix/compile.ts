/**
 * The fixed files compiled by an interpreter of the target version (the dev server's 3.5, `venv/bin/python`
 * beside the site-package): the only proof that 3.5 accepts them. A newer Python proves nothing about
 * 3.5, so its result is reported as such; without an interpreter the check is reported as not done.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export type CompileCheck =
  | { done: false }
  | { done: true; python: string; version: string; errors: Array<{ file: string; message: string }> }
  | { done: true; python: string; version?: undefined; failure: string };

/** Python 3.0+ syntax only: it must run on the oldest target. */
const SCRIPT = [
  "import sys",
  "print(sys.version.split()[0])",
  "for p in sys.argv[1:]:",
  "    try:",
  "        with open(p, 'rb') as fh:",
  "            compile(fh.read(), p, 'exec', dont_inherit=True)",
  "    except (SyntaxError, ValueError) as e:",
  "        print('%s\\t%s: %s' % (p, getattr(e, 'lineno', '?'), getattr(e, 'msg', e)))",
].join("\n");

export function compileFiles(
  python: string | undefined,
  files: ReadonlyArray<{ path: string; text: string }>,
): CompileCheck {
  if (!python) return { done: false };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-fix-compile-"));
  try {
    const paths = files.map((f, i) => {
      const p = path.join(dir, `${i}.py`);
      fs.writeFileSync(p, f.text);
      return p;
    });
    const r = spawnSync(python, ["-c", SCRIPT, ...paths], { encoding: "utf8", timeout: 120_000 });
    if (r.error || r.status !== 0)
      return { done: true, python, failure: r.error?.message ?? (r.stderr.trim() || `exit ${r.status}`) };
    const [version, ...lines] = r.stdout.trim().split(/\r?\n/);
    const errors = lines.filter(Boolean).map((l) => {
      const [p, message] = l.split("\t");
      return { file: files[paths.indexOf(p)]?.path ?? p, message };
    });
    return { done: true, python, version, errors };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
