import { strict as assert } from "assert";
import { spawn } from "child_process";
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
      () => switchDsn(file, "impala-virtual-prd", "impala-virtual-dev", { ops: failing }),
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

const PRD = "impala-virtual-prd";
const DEV = "impala-virtual-dev";
const isRoot = process.getuid?.() === 0;
/** Every file of the folder whose name ends in .lz-tmp: what a killed run leaves. */
const temps = (file: string) => fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith(".lz-tmp"));
const attributes = (file: string) => {
  const st = fs.lstatSync(file);
  return { mode: (st.mode & 0o7777).toString(8), uid: st.uid, gid: st.gid };
};

describe("dsn switch and restore keep what they should", function () {
  this.timeout(60000);

  // chown to another user and group needs root; without it the mode is tested, and the group only when
  // this user belongs to a second group (the title says which).
  const otherGroup = (process.getgroups?.() ?? []).find((g) => g !== process.getgid?.());
  const title = isRoot
    ? "keeps mode 0640, owner and group (another user and group, as root) through switch and restore"
    : otherGroup !== undefined
      ? "keeps mode 0640 and a second group of this user (not root: another owner is not testable)"
      : "keeps mode 0640 (not root and in one group only: owner and group are not testable here)";
  it(title, () => {
    const file = config(ORIGINAL);
    if (isRoot) fs.chownSync(file, 4321, 8765);
    else if (otherGroup !== undefined) fs.chownSync(file, process.getuid!(), otherGroup);
    fs.chmodSync(file, 0o640);
    const before = attributes(file);
    switchDsn(file, PRD, DEV);
    assert.deepEqual(attributes(file), before, "after the switch");
    assert.deepEqual(attributes(backupPath(file)), before, "the backup is as private as the original");
    restoreDsn(file);
    assert.deepEqual(attributes(file), before, "after the restore");
    assert.equal(fs.readFileSync(file, "utf8"), ORIGINAL);
  });

  it("keeps the owner by writing in place when a replace cannot give the file back its owner", () => {
    const file = config(ORIGINAL);
    fs.chmodSync(file, 0o604);
    const inode = fs.statSync(file).ino;
    const denied: FileOps = {
      ...realFileOps,
      chown: () => {
        throw Object.assign(new Error("EPERM: operation not permitted, fchown"), { code: "EPERM" });
      },
    };
    const before = attributes(file);
    switchDsn(file, PRD, DEV, { ops: denied });
    assert.equal(fs.readFileSync(file, "utf8"), ORIGINAL.replace(PRD, DEV));
    assert.equal(fs.statSync(file).ino, inode, "the same file, written in place");
    assert.deepEqual(attributes(file), before);
    restoreDsn(file, denied);
    assert.equal(fs.readFileSync(file, "utf8"), ORIGINAL);
    assert.equal(fs.statSync(file).ino, inode);
    assert.deepEqual(temps(file), []);
  });

  it("switches a file with several hard links in place: every name sees the switch and the restore", () => {
    const file = config(ORIGINAL);
    const other = path.join(path.dirname(file), "config-compartido.json");
    fs.linkSync(file, other);
    switchDsn(file, PRD, DEV);
    assert.equal(fs.readFileSync(other, "utf8"), ORIGINAL.replace(PRD, DEV));
    assert.equal(fs.statSync(file).ino, fs.statSync(other).ino, "still one file");
    restoreDsn(file);
    assert.equal(fs.readFileSync(other, "utf8"), ORIGINAL);
    assert.equal(fs.statSync(file).ino, fs.statSync(other).ino);
  });

  it("refuses a read-only file, naming it, and changes nothing; allowReadOnly switches it and keeps it read-only", () => {
    const file = config(ORIGINAL);
    fs.chmodSync(file, 0o444);
    assert.throws(
      () => switchDsn(file, PRD, DEV),
      (e: DsnError) => e.code === "ConfigReadOnly" && e.args[0] === file && e.args[1] === "0444",
    );
    assert.equal(fs.readFileSync(file, "utf8"), ORIGINAL);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ["config.json"]);
    switchDsn(file, PRD, DEV, { allowReadOnly: true });
    assert.equal(fs.readFileSync(file, "utf8"), ORIGINAL.replace(PRD, DEV));
    assert.equal(attributes(file).mode, "444");
    restoreDsn(file);
    assert.equal(fs.readFileSync(file, "utf8"), ORIGINAL);
    assert.equal(attributes(file).mode, "444");
  });

  it("refuses a symlinked config.json with its target named, leaving the link and the target as they were", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-dsn-link-"));
    const target = path.join(dir, "shared", "config.json");
    fs.mkdirSync(path.dirname(target));
    fs.writeFileSync(target, ORIGINAL);
    const link = path.join(dir, "config.json");
    fs.symlinkSync(target, link);
    assert.throws(
      () => switchDsn(link, PRD, DEV),
      (e: DsnError) => e.code === "ConfigSymlink" && e.args[0] === link && e.args[1] === target,
    );
    assert.equal(fs.lstatSync(link).isSymbolicLink(), true, "the link is still a link");
    assert.equal(fs.readFileSync(target, "utf8"), ORIGINAL);
    assert.deepEqual(fs.readdirSync(dir).sort(), ["config.json", "shared"]);
  });

  it("refuses what is not a regular file, or is larger than 1 MB, without reading it whole", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-dsn-odd-"));
    fs.mkdirSync(path.join(dir, "config.json"));
    assert.throws(
      () => switchDsn(path.join(dir, "config.json"), PRD, DEV),
      (e: DsnError) => e.code === "ConfigNotRegular",
    );
    const big = config("");
    fs.truncateSync(big, 5 * 1024 * 1024 * 1024); // sparse: 5 GB that take no disk
    assert.throws(
      () => switchDsn(big, PRD, DEV),
      (e: DsnError) => e.code === "ConfigTooLarge",
    );
  });

  it("removes the temporary files earlier runs left (switch and restore)", () => {
    const file = config(ORIGINAL);
    const stale = [file, backupPath(file), statePath(file), modifiedPath(file)].map((f) => `${f}.lz-tmp`);
    for (const f of stale) fs.writeFileSync(f, "a killed run's half-written file");
    switchDsn(file, PRD, DEV);
    assert.deepEqual(temps(file), []);
    for (const f of stale) fs.writeFileSync(f, "again");
    restoreDsn(file);
    assert.deepEqual(temps(file), []);
    assert.equal(fs.readFileSync(file, "utf8"), ORIGINAL);
  });

  it("does not follow a link planted at a temporary file's name", () => {
    const file = config(ORIGINAL);
    const victim = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-victim-")), "importante.txt");
    fs.writeFileSync(victim, "no tocar");
    fs.symlinkSync(victim, `${file}.lz-tmp`);
    fs.symlinkSync(victim, `${backupPath(file)}.lz-tmp`);
    switchDsn(file, PRD, DEV);
    restoreDsn(file);
    assert.equal(fs.readFileSync(victim, "utf8"), "no tocar");
    assert.equal(fs.lstatSync(file).isSymbolicLink(), false);
    assert.equal(fs.readFileSync(file, "utf8"), ORIGINAL);
  });

  it("a config.json replaced by a link during the job is kept aside as that link, not read through", () => {
    const file = config(ORIGINAL);
    const secret = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-secret-")), "shadow");
    fs.writeFileSync(secret, "root:secreto");
    fs.chmodSync(secret, 0o600);
    switchDsn(file, PRD, DEV);
    fs.rmSync(file);
    fs.symlinkSync(secret, file);
    const outcome = restoreDsn(file);
    assert.equal(outcome.modifiedKeptAt, modifiedPath(file));
    assert.equal(fs.lstatSync(modifiedPath(file)).isSymbolicLink(), true);
    assert.equal(fs.lstatSync(file).isSymbolicLink(), false);
    assert.equal(fs.readFileSync(file, "utf8"), ORIGINAL);
    for (const f of fs.readdirSync(path.dirname(file)))
      if (!fs.lstatSync(path.join(path.dirname(file), f)).isSymbolicLink())
        assert.equal(fs.readFileSync(path.join(path.dirname(file), f), "utf8").includes("secreto"), false, f);
  });

  it("runs killed at random points leave no temporary file after the next run, and the original comes back", async () => {
    const file = config(ORIGINAL);
    const dsnSwitch = path.join(__dirname, "..", "..", "..", "core", "env", "dsnSwitch.js");
    const script = `
      const d = require(${JSON.stringify(dsnSwitch)});
      process.stdout.write("ready\\n");
      for (;;) { d.switchDsn(${JSON.stringify(file)}, "${PRD}", "${DEV}"); d.restoreDsn(${JSON.stringify(file)}); }`;
    let leftBehind = 0;
    for (let i = 0; i < 30; i++) {
      const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
      await new Promise((r) => child.stdout.once("data", r));
      await new Promise((r) => setTimeout(r, Math.random() * 40));
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
      if (temps(file).length) leftBehind++;
      restoreDsn(file); // the next run (its switch restores first the same way)
      assert.deepEqual(temps(file), [], `after kill ${i + 1}`);
      assert.equal(fs.readFileSync(file, "utf8"), ORIGINAL, `after kill ${i + 1}`);
    }
    console.log(`      (${leftBehind} of 30 killed runs had left a temporary file; the next run removed each)`);
  });
});
