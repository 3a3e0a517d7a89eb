// The fixes measured on #11's labelled corpus (test/fixtures/py35), issue 19's numbers:
// - every finding of a kind core/fix handles gets a fix, or one of the reasons a fix is unsafe there;
// - every file whose findings all have fixes, once fixed, has no PY003/PY004 at 3.5, compiles on 3.6 and
//   prints on 3.6 what the original prints on its labelled 3.N (when that output repeats);
// - applying all the SARIF replacements of a file gives what `lz fix --write` writes (import lines aside).
// The interpreters are pyenv's (3.6–3.13); without them those checks say so and are skipped.
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { applyFixes } from "../../../core/fix";
import { render } from "../../../core/i18n/catalogue";
import type { RawFinding } from "../../../core/findings/types";
import { sarifReport } from "../../../core/findings/report";
import { validateHere } from "../../helpers/routine";
import { repoRoot } from "../../helpers/taskRun";
import { pythonOf, runPython } from "../../helpers/pythons";
import { loadPythonParser, pythonFindings } from "../../helpers/pythonGate";

const corpusDir = path.join(repoRoot, "test", "fixtures", "py35");
const labels = (
  JSON.parse(fs.readFileSync(path.join(corpusDir, "labels.json"), "utf8")) as {
    files: Record<string, { label: string }>;
  }
).files;

/** Reasons that say the code cannot be moved or rewritten safely (not "no fixer for this kind"). */
const UNSAFE = [
  "NoFixFieldMoved",
  "NoFixSelfDocQuote",
  "NoFixTooManyFields",
  "NoFixDataclass",
  "NoFixBareAnnotation",
  "NoFixSharedLine",
  "NoFixNotAnnotation",
  "NoFixNameTaken",
  "NoFixSideEffects",
  "NoFixKeywordValue",
  "NoFixDictType",
];

/** The PY003 kinds and PY004 subjects core/fix handles. */
const FIXED_SYNTAX =
  /^(TermFString|TermFStringEquals|TermFStringQuotes|TermFStringBackslash|TermFStringLineBreak|TermFStringComment|TermAwaitInFString|TermVariableAnnotation|TermTrailingCommaAfterStar|TermUnderscoreInNumber)$/;

before(loadPythonParser);

const counted = (fs: RawFinding[]) => fs.filter((f) => f.guard === undefined);
const versionFindings = (fs: RawFinding[]) => counted(fs).filter((f) => f.rule === "PY003" || f.rule === "PY004");

function fixAll(text: string): string {
  let out = text;
  for (let pass = 0; pass < 4; pass++) {
    const fixes = versionFindings(pythonFindings(out)).flatMap((f) => (f.fix ? [f.fix] : []));
    if (!fixes.length) break;
    out = applyFixes(out, fixes).text;
  }
  return out;
}

function handledKind(f: RawFinding): boolean {
  const what = f.args[0];
  if (f.rule === "PY003") return typeof what === "object" && FIXED_SYNTAX.test(what.key);
  const text = typeof what === "object" ? JSON.stringify(what) : String(what);
  return /TermTypeUnion|TermSubscriptedType|TermDictUnion|removeprefix|removesuffix|capture_output|\(text=/.test(text);
}

describe("core/fix on the Python 3.5 corpus (test/fixtures/py35)", function () {
  this.timeout(300000);
  const files = Object.keys(labels).sort();
  const py36 = pythonOf("3.6");

  it("gives every finding of a handled kind a fix, or a reason it would be unsafe", () => {
    let handled = 0;
    let fixed = 0;
    const missing: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(corpusDir, file), "utf8");
      const found = pythonFindings(text);
      if (found.some((f) => f.rule === "PY001" || f.rule === "PY002")) continue;
      for (const f of versionFindings(found)) {
        if (!handledKind(f)) continue;
        handled++;
        if (f.fix) fixed++;
        else if (!(typeof f.noFix === "object" && UNSAFE.includes(f.noFix.key)))
          missing.push(
            `${file}:${f.line}:${f.column} ${JSON.stringify(f.args[0])} ${f.noFix ? render("en", "NoFix", f.noFix) : "(nothing said)"}`,
          );
      }
    }
    console.log(`      ${fixed} of ${handled} findings of the handled kinds have a fix`);
    assert.deepEqual(missing, []);
    assert.ok(handled >= 60, `only ${handled} findings of handled kinds: the corpus or the kinds changed`);
  });

  it("fixes each file whose findings all have fixes: nothing left at 3.5, compiles on 3.6, prints the same", function () {
    const newest: Record<string, string | undefined> = {};
    let fixedFiles = 0;
    let compared = 0;
    const problems: string[] = [];
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "lz-fix-corpus-"));
    for (const file of files) {
      const { label } = labels[file];
      if (label === "syntax-error" || label === "py2") continue;
      const text = fs.readFileSync(path.join(corpusDir, file), "utf8");
      const found = counted(pythonFindings(text));
      const version = versionFindings(found);
      if (!version.length || version.some((f) => !f.fix)) continue;
      fixedFiles++;
      const out = fixAll(text);
      const left = versionFindings(pythonFindings(out));
      if (left.length) problems.push(`${file}: left ${left.map((f) => JSON.stringify(f.args[0])).join(", ")}`);
      if (!py36) continue;
      const dir = path.join(work, path.dirname(file));
      fs.mkdirSync(dir, { recursive: true });
      const fixedPath = path.join(dir, path.basename(file));
      fs.writeFileSync(fixedPath, out);
      const compile = spawnSync(
        py36,
        ["-c", "import sys; compile(open(sys.argv[1]).read(), sys.argv[1], 'exec')", fixedPath],
        {
          encoding: "utf8",
        },
      );
      if (compile.status !== 0) {
        problems.push(`${file}: 3.6 does not compile the fixed file: ${compile.stderr.trim().split("\n").pop()}`);
        continue;
      }
      const wanted = label === "ok" ? "3.6" : label.slice("needs ".length);
      const original = (newest[wanted] ??= pythonOf(wanted));
      if (!original) continue;
      const first = runPython(original, "", path.join(corpusDir, path.dirname(file)), path.join(corpusDir, file));
      const again = runPython(original, "", path.join(corpusDir, path.dirname(file)), path.join(corpusDir, file));
      if (first.stdout !== again.stdout || first.status !== again.status) continue; // not deterministic
      const after = runPython(py36, "", dir, fixedPath);
      compared++;
      if (after.stdout !== first.stdout || after.status !== first.status)
        problems.push(
          `${file}: prints ${JSON.stringify(after.stdout.slice(0, 200))} (exit ${after.status}) on 3.6 once fixed, ${JSON.stringify(first.stdout.slice(0, 200))} (exit ${first.status}) on ${wanted}\n${after.stderr.slice(-300)}`,
        );
    }
    fs.rmSync(work, { recursive: true, force: true });
    console.log(`      ${fixedFiles} files with every finding fixable; outputs compared on ${compared}`);
    if (!py36) console.log("      (CPython 3.6 not installed: compile and output checks skipped)");
    assert.deepEqual(problems, []);
    assert.ok(fixedFiles >= 40, `only ${fixedFiles} files`);
  });

  it("applying every SARIF replacement of a file gives what lz fix --write writes, imports aside", async function () {
    // A routine of the corpus files that have fixes (those the gate reads as Python 3 at all).
    const routine = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-fix-sarif-")), "routine");
    const picked: string[] = [];
    for (const file of files) {
      const { label } = labels[file];
      if (label === "syntax-error" || label === "py2") continue;
      const text = fs.readFileSync(path.join(corpusDir, file), "utf8");
      if (!versionFindings(pythonFindings(text)).some((f) => f.fix)) continue;
      const to = path.join(routine, file.replace(/[/-]/g, "_"));
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.writeFileSync(to, text);
      picked.push(path.basename(to));
    }
    const result = await validateHere(routine, { failOn: "never" });
    const sarif = sarifReport(result, routine, "test") as {
      runs: Array<{
        results: Array<{
          fixes?: Array<{
            artifactChanges: Array<{
              artifactLocation: { uri: string };
              replacements: Array<{
                deletedRegion: { charOffset: number; charLength: number };
                insertedContent: { text: string };
              }>;
            }>;
          }>;
        }>;
      }>;
    };
    const byFile = new Map<string, Array<{ at: number; length: number; text: string }>>();
    for (const r of sarif.runs[0].results)
      for (const fix of r.fixes ?? [])
        for (const change of fix.artifactChanges) {
          const list = byFile.get(decodeURIComponent(change.artifactLocation.uri)) ?? [];
          for (const rep of change.replacements)
            list.push({
              at: rep.deletedRegion.charOffset,
              length: rep.deletedRegion.charLength,
              text: rep.insertedContent.text,
            });
          byFile.set(decodeURIComponent(change.artifactLocation.uri), list);
        }
    const fromSarif = new Map<string, string>();
    for (const [file, reps] of byFile) {
      // Identical replacements once (an f-string's findings share its fix); overlapping ones mean the
      // fixes must be applied in passes (lz fix does): such files are not compared.
      const unique = [...new Map(reps.map((r) => [JSON.stringify(r), r])).values()].sort(
        (a, b) => b.at - a.at || b.length - a.length,
      );
      const overlapping = unique.some(
        (r, i) => i > 0 && r.at + r.length > unique[i - 1].at && !(r.length === 0 && unique[i - 1].length === 0),
      );
      if (overlapping) continue;
      const chars = [...fs.readFileSync(path.join(routine, file), "utf8")];
      for (const r of unique) chars.splice(r.at, r.length, r.text);
      const text = chars.join("");
      // What the fixed code reveals (a second pass) is lz fix's too: compare files done in one pass.
      if (versionFindings(pythonFindings(text)).some((f) => f.fix)) continue;
      fromSarif.set(file, text);
    }
    const cli = spawnSync(process.execPath, [path.join(repoRoot, "bin", "lz.js"), "fix", routine, "--write"], {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", LANG: "C.UTF-8" },
    });
    assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
    const importsAside = (t: string) =>
      t
        .split("\n")
        .filter((l) => !/^from (typing|subprocess) import [\w, ]+$/.test(l))
        .join("\n");
    const names = (t: string) =>
      [...t.matchAll(/^from (typing|subprocess) import ([\w, ]+)$/gm)]
        .flatMap((m) => m[2].split(", ").map((n) => `${m[1]}.${n}`))
        .sort();
    let same = 0;
    for (const [file, text] of fromSarif) {
      const written = fs.readFileSync(path.join(routine, file), "utf8");
      assert.equal(importsAside(text), importsAside(written), `${file}: SARIF and lz fix --write differ`);
      assert.deepEqual([...new Set(names(text))], [...new Set(names(written))], `${file}: imported names differ`);
      same++;
    }
    console.log(`      ${same} of ${picked.length} files compared (the others need more than one pass)`);
    assert.ok(same >= 40, `only ${same} files compared`);
  });
});
