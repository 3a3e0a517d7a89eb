import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { compareTrees } from "../../../core/env/verifyEnv";
import { decodeText } from "../../../core/files/decode";
import { beyondPathMax, folderChain } from "../../helpers/hostile";
import { PRD_CONFIG, makeRoutine, validateHere } from "../../helpers/routine";

// Issue #18 item 9: a folder tree deeper than the OS path limit crashed the walk (ENAMETOOLONG outside
// the try), and 1,100 levels took tens of seconds (a realpath of the whole path at every level).
describe("the routine walk on deep folder trees", () => {
  it("stops at maxFolderDepth (64 by default) with FS005 naming the folder, the limit and the input", async () => {
    const routine = makeRoutine({ "static/config/config.json": PRD_CONFIG, "main.py": "x = 1\n" });
    const bottom = folderChain(routine, 1100, "d");
    fs.writeFileSync(path.join(routine, bottom, "oculto.py"), 'x = f"{y}"\n');
    const r = await validateHere(routine, {});
    assert.deepEqual(
      r.findings.map((f) => f.rule),
      ["FS005"],
    );
    const f = r.findings[0];
    assert.equal(f.file, Array.from({ length: 65 }, () => "d").join("/"));
    assert.equal(f.severity, "error");
    assert.match(f.message, /deeper than the limit of 64 folder levels \(input maxFolderDepth\)/);
    assert.equal(r.stats.files, 2, "the files above the limit are analyzed");
  });

  it("walks the whole 1,100 levels when maxFolderDepth allows it, and finds what is at the bottom", async () => {
    const routine = makeRoutine({ "static/config/config.json": PRD_CONFIG });
    const bottom = folderChain(routine, 1100, "d");
    fs.writeFileSync(path.join(routine, bottom, "oculto.py"), 'x = f"{y}"\n');
    const r = await validateHere(routine, { maxFolderDepth: 2000 });
    assert.deepEqual(
      r.findings.map((f) => `${f.rule} ${f.file.split("/").length}`),
      ["PY003 1101"],
    );
  });

  it("writes FS005 in Spanish", async () => {
    const routine = makeRoutine({ "static/config/config.json": PRD_CONFIG });
    folderChain(routine, 3, "d");
    const r = await validateHere(routine, { maxFolderDepth: 2, lang: "es" });
    assert.match(r.findings[0].message, /supera el límite de 2 niveles de carpetas \(entrada maxFolderDepth\)/);
  });

  describe("a tree deeper than PATH_MAX", () => {
    let undo: () => void = () => undefined;
    afterEach(() => undo());

    it("does not crash: FS005 names the folder whose path the system refuses, the rest is analyzed", async () => {
      const routine = makeRoutine({ "static/config/config.json": PRD_CONFIG, "main.py": 'x = f"{y}"\n' });
      undo = beyondPathMax(routine, 2, 30, ["oculto.py", "x = 1\n"]);
      const r = await validateHere(routine, {});
      const deep = r.findings.filter((f) => f.rule === "FS005");
      assert.equal(deep.length, 1, JSON.stringify(r.findings.map((f) => f.message)));
      assert.ok(Buffer.byteLength(path.join(routine, deep[0].file)) >= 4096, deep[0].file.length.toString());
      assert.match(deep[0].message, /its path is longer than the system allows/);
      assert.ok(r.findings.some((f) => f.rule === "PY003" && f.file === "main.py"));
    });

    it("does not crash VerifyRoutineEnv's comparison either", () => {
      const installed = makeRoutine({ "a.py": "x = 1\n" });
      const source = makeRoutine({ "a.py": "x = 1\n" });
      undo = beyondPathMax(installed, 2, 30, ["b.py", "y = 2\n"]);
      const r = compareTrees(installed, source);
      assert.deepEqual(
        r.findings.map((f) => f.rule),
        ["FS005"],
      );
      assert.equal(r.files, 1);
    });
  });

  it("VerifyRoutineEnv's comparison stops at its maxFolderDepth with FS005", () => {
    const installed = makeRoutine({ "a.py": "x = 1\n" });
    const source = makeRoutine({ "a.py": "x = 1\n" });
    for (const root of [installed, source]) fs.writeFileSync(path.join(root, folderChain(root, 1100, "d"), "b.py"), "");
    const r = compareTrees(installed, source);
    assert.deepEqual(
      r.findings.map((f) => `${f.rule} ${f.file.split("/").length}`),
      ["FS005 65"],
    );
    const deeper = compareTrees(installed, source, { maxFolderDepth: 2000 });
    assert.deepEqual(deeper.findings, []);
    assert.equal(deeper.files, 2);
  });
});

describe("decodeText, which reads every routine file", () => {
  it("reads UTF-8 without its BOM, and names the first byte that is not UTF-8 as strict decoding does", () => {
    assert.deepEqual(decodeText(Buffer.from("\ufeffaño = 1\n", "utf8")), { text: "año = 1\n" });
    const cases = [
      Buffer.from("x = 'a\xf1o'\n", "latin1"), // a Latin-1 byte inside ASCII
      Buffer.concat([Buffer.from("ñandú = '", "utf8"), Buffer.from([0xe2, 0x82])]), // a character cut short at the end
      Buffer.from([0x80]),
      Buffer.concat([Buffer.from("€".repeat(1000), "utf8"), Buffer.from([0xc3, 0x28])]),
    ];
    // The offset as the walk computed it before isUtf8 (a binary search over prefixes a fatal TextDecoder accepts).
    const reference = (bytes: Buffer) => {
      let offset = 0;
      for (let lo = 0, hi = bytes.length; lo < hi;) {
        const mid = (lo + hi) >> 1;
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, mid + 1));
          lo = mid + 1;
          offset = lo;
        } catch {
          hi = mid;
          offset = mid;
        }
      }
      return offset;
    };
    for (const bytes of cases) {
      const got = decodeText(bytes);
      assert.equal(got.text, bytes.toString("latin1"));
      assert.equal(got.badOffset, reference(bytes));
    }
    assert.equal(decodeText(Buffer.from("x = 'a\xf1o'\n", "latin1")).badOffset, 6);
  });
});
