// How often the Python 3.5 gate agrees with the labels of test/fixtures/py35 (issue 15), and how often
// vermin does on the same files. A file's verdict is core/python/verdict.ts's: any PY001 → syntax-error;
// else any PY002 → py2; else the highest minVersion of PY003/PY004 → needs 3.N; else ok. Info findings
// (guarded code) never count.
//   node scripts/py35-agreement.mjs [--vermin <vermin checkout>] [--details]   (after npm run build)
// The bench runs it too: npm run bench -- --only py35. Vermin's checkout comes from --vermin or
// VERMIN_PATH; without it the figures say "vermin not available".
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const corpusDir = path.join(root, "test", "fixtures", "py35");
const PYTHON_VERSIONS = ["3.13", "3.12", "3.11", "3.10"];

/** The labelled files: [{ file, kind, label }], file relative to the corpus, with "/" separators. */
export function corpus() {
  const manifest = JSON.parse(fs.readFileSync(path.join(corpusDir, "labels.json"), "utf8"));
  return Object.entries(manifest.files).map(([file, entry]) => ({ file, kind: entry.kind, label: entry.label }));
}

const versionKey = (v) => Number(v.split(".")[1]);

/** The verdict rule, over the findings of one file ({ rule, severity, minVersion }): core's own. */
export function verdict(findings) {
  const built = path.join(root, "build", "ts", "core", "python", "verdict.js");
  if (!fs.existsSync(built)) throw new Error("core is not built: run npm run build first");
  return createRequire(import.meta.url)(built).pythonVerdict(findings);
}

/** Our validator's verdict for every file: one `lz validate` run over the whole corpus. */
export function validatorVerdicts(files) {
  // bin/lz.js runs the CLI bundle (build/cli/lz.js only exports its main).
  const cli = path.join(root, "bin", "lz.js");
  if (!fs.existsSync(path.join(root, "build", "cli", "lz.js")))
    throw new Error("the CLI is not built: run npm run build first");
  const r = spawnSync(
    process.execPath,
    [cli, "validate", corpusDir, "--format", "json", "--python-version", "3.5", "--fail-on", "never"],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (r.status !== 0) throw new Error(`lz validate exited ${r.status}: ${r.stderr}`);
  const byFile = new Map(files.map(({ file }) => [file, []]));
  for (const f of JSON.parse(r.stdout).findings) byFile.get(f.file.split(path.sep).join("/"))?.push(f);
  return new Map([...byFile].map(([file, findings]) => [file, verdict(findings)]));
}

/** A Python that parses the newest syntax (vermin parses with the interpreter that runs it). */
function newestPython() {
  const pyenv = path.join(process.env.PYENV_ROOT ?? "/root/.pyenv", "versions");
  for (const v of PYTHON_VERSIONS) {
    const hit = fs.existsSync(pyenv) && fs.readdirSync(pyenv).find((d) => d.startsWith(`${v}.`));
    if (hit) return path.join(pyenv, hit, "bin", "python");
  }
  return "python3";
}

/**
 * Vermin's verdict for every file, or undefined when its checkout is not there. Vermin prints, per
 * file, `file:::py2:py3:` last: py3 `~3` means it could not parse the file, `!3` not Python 3.
 */
export function verminVerdicts(files, verminPath, python = newestPython()) {
  if (!verminPath || !fs.existsSync(path.join(verminPath, "vermin.py"))) return undefined;
  const args = [
    path.join(verminPath, "vermin.py"),
    "--no-tips",
    "--eval-annotations",
    "-t=3.5-",
    "--format",
    "parsable",
  ];
  const r = spawnSync(python, [...args, ...files.map(({ file }) => path.join(corpusDir, file))], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) return undefined;
  const out = new Map();
  for (const line of r.stdout.split("\n")) {
    const m = /^(.*\.py):::([^:]*):([^:]*):$/.exec(line);
    if (!m) continue;
    const file = path.relative(corpusDir, m[1]).split(path.sep).join("/");
    const py3 = m[3];
    if (py3.startsWith("~")) out.set(file, "syntax-error");
    else if (py3.startsWith("!")) out.set(file, "py2");
    else out.set(file, versionKey(py3) > 5 ? `needs ${py3}` : "ok");
  }
  return { verdicts: out, python, version: spawnSync(python, ["--version"], { encoding: "utf8" }).stdout.trim() };
}

/** Exact and accept/reject agreement, overall and per kind, and the files that disagree. */
export function agreement(files, verdicts) {
  let exact = 0;
  let acceptReject = 0;
  const byKind = {};
  const misclassified = [];
  for (const { file, kind, label } of files) {
    const got = verdicts.get(file) ?? "ok";
    const k = (byKind[kind] ??= { files: 0, exact: 0, acceptReject: 0 });
    k.files++;
    const same = got === label;
    const sameGate = (got === "ok") === (label === "ok");
    if (same) {
      exact++;
      k.exact++;
    }
    if (sameGate) {
      acceptReject++;
      k.acceptReject++;
    }
    if (!same) misclassified.push({ file, kind, label, got });
  }
  return { files: files.length, exact, acceptReject, byKind, misclassified };
}

export const percent = (n, total) => `${((100 * n) / total).toFixed(1)}%`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { vermin: { type: "string" }, details: { type: "boolean" }, json: { type: "boolean" } },
  });
  const files = corpus();
  const ours = agreement(files, validatorVerdicts(files));
  const vermin = verminVerdicts(files, values.vermin ?? process.env.VERMIN_PATH);
  const theirs = vermin && agreement(files, vermin.verdicts);
  if (values.json) {
    console.log(JSON.stringify({ ours, vermin: theirs ?? null }, null, 2));
  } else {
    const line = (who, a) =>
      `${who}: exact ${a.exact}/${a.files} = ${percent(a.exact, a.files)}, accept/reject ${a.acceptReject}/${a.files} = ${percent(a.acceptReject, a.files)}`;
    console.log(line("lz validate --python-version 3.5", ours));
    console.log(
      theirs ? line(`vermin (${vermin.version})`, theirs) : "vermin not available (--vermin <checkout> or VERMIN_PATH)",
    );
    console.log("\nper kind: files, ours exact / accept-reject" + (theirs ? ", vermin exact / accept-reject" : ""));
    for (const [kind, k] of Object.entries(ours.byKind)) {
      const v = theirs?.byKind[kind];
      console.log(
        `  ${kind.padEnd(15)} ${String(k.files).padStart(3)}  ${String(k.exact).padStart(3)} / ${String(k.acceptReject).padStart(3)}` +
          (v ? `   ${String(v.exact).padStart(3)} / ${String(v.acceptReject).padStart(3)}` : ""),
      );
    }
    if (values.details) {
      console.log("\nmisclassified by lz validate (label → verdict):");
      for (const m of ours.misclassified) console.log(`  ${m.file}: ${m.label} → ${m.got}`);
    }
  }
}
