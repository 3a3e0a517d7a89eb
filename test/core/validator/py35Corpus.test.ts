// The labelled Python 3.5 corpus (issue 15) is only worth its figures if its manifest is whole: every
// file labelled, every label one the verdict rule can give, every kind with enough files to measure.
// The labels themselves are checked against CPython by scripts/check-py35-labels.py (not here: it needs
// the pyenv interpreters and minutes); the agreement figures are measured by npm run bench -- --only py35.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../helpers/taskRun";

const corpusDir = path.join(repoRoot, "test", "fixtures", "py35");
const LABEL = /^(ok|syntax-error|py2|needs 3\.(6|7|8|9|10|11|12|13))$/;
const MIN_PER_KIND = 10;
const MIN_FILES = 400;

interface Guard {
  name: string;
  since: string;
  by: string;
}
interface Entry {
  kind: string;
  label: string;
  guarded?: Guard[];
  message?: string;
  note?: string;
}
interface Manifest {
  about: string;
  kinds: Record<string, string>;
  files: Record<string, Entry>;
}

function pythonFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".py"))
    .map((f) => f.split(path.sep).join("/"))
    .sort();
}

describe("Python 3.5 corpus (test/fixtures/py35/labels.json)", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(corpusDir, "labels.json"), "utf8")) as Manifest;
  const entries = Object.entries(manifest.files);

  it("labels every .py file of the folder, and only files that exist", () => {
    const labelled = Object.keys(manifest.files).sort();
    const onDisk = pythonFiles(corpusDir);
    assert.deepEqual(
      onDisk.filter((f) => !manifest.files[f]),
      [],
      "files without a label",
    );
    assert.deepEqual(
      labelled.filter((f) => !onDisk.includes(f)),
      [],
      "labels without a file",
    );
  });

  it("gives each file a label the verdict rule can give and a described kind", () => {
    for (const [file, entry] of entries) {
      assert.match(entry.label, LABEL, `${file}: label ${JSON.stringify(entry.label)}`);
      assert.ok(manifest.kinds[entry.kind], `${file}: kind ${JSON.stringify(entry.kind)} is not described in kinds`);
      assert.ok(file.startsWith(`${entry.kind}/`), `${file}: lies outside the folder of its kind ${entry.kind}`);
      const extra = Object.keys(entry).filter((k) => !["kind", "label", "guarded", "message", "note"].includes(k));
      assert.deepEqual(extra, [], `${file}: unknown fields`);
    }
  });

  it(`has at least ${MIN_FILES} files and ${MIN_PER_KIND} of each kind`, () => {
    assert.ok(entries.length >= MIN_FILES, `${entries.length} files`);
    const perKind = new Map(Object.keys(manifest.kinds).map((k) => [k, 0]));
    for (const [, entry] of entries) perKind.set(entry.kind, (perKind.get(entry.kind) ?? 0) + 1);
    for (const [kind, count] of perKind) assert.ok(count >= MIN_PER_KIND, `${kind}: ${count} files`);
  });

  it("covers every newer version 3.6 to 3.13 with its own syntax kind", () => {
    for (let minor = 6; minor <= 13; minor++) {
      const kind = `syntax-3.${minor}`;
      const labels = entries.filter(([, e]) => e.kind === kind).map(([, e]) => e.label);
      assert.ok(labels.length >= MIN_PER_KIND, `${kind}: ${labels.length} files`);
      assert.ok(
        labels.every((l) => l === `needs 3.${minor}`),
        `${kind}: ${labels.join(", ")}`,
      );
    }
  });

  it("describes each guard by the name it protects, its version and the guard", () => {
    const guardedFiles = entries.filter(([, e]) => e.guarded);
    assert.ok(guardedFiles.length >= MIN_PER_KIND, `${guardedFiles.length} files with guards`);
    for (const [file, entry] of guardedFiles) {
      assert.equal(entry.label, "ok", `${file}: a guard that makes the file safe leaves it ok`);
      for (const g of entry.guarded!) {
        assert.ok(g.name && g.by, `${file}: ${JSON.stringify(g)}`);
        assert.match(g.since, /^3\.(6|7|8|9|10|11|12|13)$/, `${file}: ${JSON.stringify(g)}`);
      }
    }
  });
});
