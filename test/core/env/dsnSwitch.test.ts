import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  backupPath,
  DsnError,
  FileOps,
  modifiedPath,
  realFileOps,
  restoreDsn,
  statePath,
  switchDsn,
} from "../../../core/env/dsnSwitch";

function config(content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-dsn-"));
  const file = path.join(dir, "config.json");
  fs.writeFileSync(file, content);
  return file;
}

const ORIGINAL = '\uFEFF{\r\n    "zona" : "proceso_x",\r\n\t"dsn":"impala-virtual-prd" ,\r\n    "ñ": "año"\r\n}\r\n';

describe("dsn switch and restore", () => {
  it("changes only the dsn value's bytes, keeping BOM, CRLF, spacing, key order and accents", () => {
    const file = config(ORIGINAL);
    const before = fs.readFileSync(file);
    switchDsn(file, "impala-virtual-prd", "impala-virtual-dev");
    const after = fs.readFileSync(file);
    assert.equal(after.toString("utf8"), ORIGINAL.replace('"impala-virtual-prd"', '"impala-virtual-dev"'));
    assert.ok(fs.readFileSync(backupPath(file)).equals(before));
    restoreDsn(file);
    assert.ok(fs.readFileSync(file).equals(before), "the original bytes are back");
    assert.equal(fs.existsSync(backupPath(file)), false);
    assert.equal(fs.existsSync(statePath(file)), false);
  });

  it("keeps a Latin-1 file's other bytes as they are", () => {
    const bytes = Buffer.from('{"dsn": "impala-virtual-prd", "descripcion": "a\xf1o"}', "latin1");
    const file = config(bytes);
    switchDsn(file, "impala-virtual-prd", "impala-virtual-dev");
    assert.ok(
      fs.readFileSync(file).equals(Buffer.from('{"dsn": "impala-virtual-dev", "descripcion": "a\xf1o"}', "latin1")),
    );
  });

  it("refuses when the dsn is not the expected one, leaving the file unchanged", () => {
    const file = config('{"dsn": "impala-virtual-dev"}');
    assert.throws(
      () => switchDsn(file, "impala-virtual-prd", "impala-virtual-dev"),
      (e: DsnError) => e.code === "DsnNotFrom" && e.args[1] === "impala-virtual-dev",
    );
    assert.equal(fs.readFileSync(file, "utf8"), '{"dsn": "impala-virtual-dev"}');
    assert.equal(fs.existsSync(backupPath(file)), false);
  });

  it("reports a missing file, invalid JSON and a missing dsn", () => {
    assert.throws(
      () => switchDsn("/nonexistent/config.json", "a", "b"),
      (e: DsnError) => e.code === "ConfigMissing",
    );
    assert.throws(
      () => switchDsn(config("{ nope"), "a", "b"),
      (e: DsnError) => e.code === "ConfigInvalid",
    );
    assert.throws(
      () => switchDsn(config('{"zona": "x"}'), "a", "b"),
      (e: DsnError) => e.code === "DsnMissing",
    );
  });

  it("leaves the original in place when writing the switched file fails", () => {
    const file = config(ORIGINAL);
    let renames = 0;
    const failing: FileOps = {
      ...realFileOps,
      rename(from, to) {
        if (to === file && ++renames === 1) throw Object.assign(new Error("EIO: i/o error, rename"), { code: "EIO" });
        realFileOps.rename(from, to);
      },
    };
    assert.throws(
      () => switchDsn(file, "impala-virtual-prd", "impala-virtual-dev", failing),
      (e: DsnError) => e.code === "WriteFailed" && /EIO/.test(String(e.args[1])),
    );
    assert.equal(fs.readFileSync(file, "utf8"), ORIGINAL);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ["config.json"], "no backup, state or temporary file left");
  });

  it("a run that died after switching is restored first by the next run", () => {
    const file = config(ORIGINAL);
    switchDsn(file, "impala-virtual-prd", "impala-virtual-dev"); // …and the job crashed before restoring
    const outcome = switchDsn(file, "impala-virtual-prd", "impala-virtual-dev");
    assert.equal(outcome.recovered?.restored, true);
    assert.equal(outcome.previous, "impala-virtual-prd");
    restoreDsn(file);
    assert.equal(fs.readFileSync(file, "utf8"), ORIGINAL);
  });

  it("restores even a file changed or deleted during the job, keeping the changed one aside", () => {
    const file = config(ORIGINAL);
    switchDsn(file, "impala-virtual-prd", "impala-virtual-dev");
    fs.writeFileSync(file, '{"dsn": "algo-que-edito-alguien"}');
    const outcome = restoreDsn(file);
    assert.equal(outcome.modifiedKeptAt, modifiedPath(file));
    assert.equal(fs.readFileSync(modifiedPath(file), "utf8"), '{"dsn": "algo-que-edito-alguien"}');
    assert.equal(fs.readFileSync(file, "utf8"), ORIGINAL);

    switchDsn(file, "impala-virtual-prd", "impala-virtual-dev");
    fs.rmSync(file);
    assert.equal(restoreDsn(file).configWasMissing, true);
    assert.equal(fs.readFileSync(file, "utf8"), ORIGINAL);
  });

  it("fails loudly when the restored bytes do not read back equal", () => {
    const file = config(ORIGINAL);
    switchDsn(file, "impala-virtual-prd", "impala-virtual-dev");
    const lying: FileOps = {
      ...realFileOps,
      readFile: (f) => (f === file ? Buffer.from("corrupto") : realFileOps.readFile(f)),
    };
    assert.throws(
      () => restoreDsn(file, lying),
      (e: DsnError) => e.code === "RestoreMismatch",
    );
    assert.ok(fs.existsSync(backupPath(file)), "the backup is kept for the next attempt");
  });

  it("restore with nothing switched does nothing", () => {
    const file = config(ORIGINAL);
    assert.deepEqual(restoreDsn(file), { restored: false });
  });
});
