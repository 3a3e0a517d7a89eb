import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { backupPath } from "../../core/env/dsnSwitch";
import { makeEnvironment } from "../helpers/envLayout";
import { describeOnTaskNodes, runTask } from "../helpers/taskRun";

const ORIGINAL = '{\n    "dsn" : "impala-virtual-prd",\n    "zona": "proceso_x"\n}\n';

function site(content = ORIGINAL): { site: string; config: string } {
  const env = makeEnvironment({ files: { "static/config/config.json": content } });
  return { site: env.sitePackage, config: path.join(env.sitePackage, "static", "config", "config.json") };
}

const run = (
  inputs: Record<string, string>,
  extra: { entry?: string; taskVariables?: Record<string, string>; variables?: Record<string, string> } = {},
) =>
  runTask("SwitchRoutineDsnV1", {
    inputs: { mode: "switch", from: "impala-virtual-prd", to: "impala-virtual-dev", ...inputs },
    ...extra,
  });

describeOnTaskNodes("SwitchRoutineDsn task", function () {
  this.timeout(30000);

  it("switch, a failing step, then the post-job step: the original bytes are back", async () => {
    const { site: sp, config } = site();
    const switched = await run({ sitePackagePath: sp });
    assert.equal(switched.result, "Succeeded", switched.stdout);
    assert.equal(fs.readFileSync(config, "utf8"), ORIGINAL.replace("impala-virtual-prd", "impala-virtual-dev"));
    const handoff = switched.commands.find((c) => c.command === "task.settaskvariable")!;
    assert.equal(handoff.properties.variable, "LZ_SWITCHED_CONFIG");
    assert.equal(handoff.message, config);
    // …RunRoutine fails here; the agent still runs the post-job step with the task variable.
    const post = await run(
      { sitePackagePath: sp },
      { entry: "post.js", taskVariables: { LZ_SWITCHED_CONFIG: config } },
    );
    assert.equal(post.result, "Succeeded", post.stdout);
    assert.match(post.stdout, /restored and verified byte for byte/);
    assert.equal(fs.readFileSync(config, "utf8"), ORIGINAL);
    assert.equal(fs.existsSync(backupPath(config)), false);
  });

  it("the post-job step does nothing when the switch did not happen", async () => {
    const { site: sp, config } = site();
    const post = await run({ sitePackagePath: sp }, { entry: "post.js" });
    assert.equal(post.result, "Succeeded");
    assert.match(post.stdout, /Nothing to restore/);
    assert.equal(fs.readFileSync(config, "utf8"), ORIGINAL);
  });

  it("refuses a file whose dsn is not 'from', changing nothing, and explains how to recover", async () => {
    const { site: sp, config } = site(ORIGINAL.replace("prd", "dev"));
    const r = await run({ sitePackagePath: sp });
    assert.equal(r.result, "Failed");
    assert.match(
      r.runner.errorIssues[0],
      /has dsn 'impala-virtual-dev', not 'impala-virtual-prd': nothing was changed\. If an earlier run left it switched, run this task with mode Restore/,
    );
    assert.equal(fs.readFileSync(config, "utf8"), ORIGINAL.replace("prd", "dev"));
    assert.equal(
      r.commands.some((c) => c.command === "task.settaskvariable"),
      false,
    );
  });

  it("restore mode puts a left-over switch back", async () => {
    const { site: sp, config } = site();
    await run({ sitePackagePath: sp });
    const restored = await run({ sitePackagePath: sp, mode: "restore" });
    assert.equal(restored.result, "Succeeded");
    assert.equal(fs.readFileSync(config, "utf8"), ORIGINAL);
  });

  it("keeps a file modified during the job and warns, restoring the original", async () => {
    const { site: sp, config } = site();
    await run({ sitePackagePath: sp });
    fs.writeFileSync(config, '{"dsn": "tocado-a-mano"}');
    const post = await run(
      { sitePackagePath: sp },
      { entry: "post.js", taskVariables: { LZ_SWITCHED_CONFIG: config } },
    );
    assert.match(
      post.runner.warningIssues[0],
      /had been changed during the job; the changed file was kept at .*config\.json\.lz-modified/,
    );
    assert.equal(fs.readFileSync(config, "utf8"), ORIGINAL);
  });

  it("names the missing input when VerifyRoutineEnv did not run", async () => {
    const r = await run(
      { sitePackagePath: "$(RoutineEnv.SitePackagePath)" },
      { variables: { "System.Culture": "es-ES" } },
    );
    assert.match(
      r.runner.errorIssues[0],
      /No hay config.json para cambiar: defina la entrada configPath, o ejecute VerifyRoutineEnv/,
    );
  });

  it("refuses a read-only config.json, naming the file and the input; allowReadOnly switches it and the post-job step restores it", async () => {
    const { site: sp, config } = site();
    fs.chmodSync(config, 0o444);
    const refused = await run({ sitePackagePath: sp });
    assert.equal(refused.result, "Failed");
    assert.match(
      refused.runner.errorIssues[0],
      new RegExp(
        `${config.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is read-only for the agent \\(mode 0444\\).*set the input allowReadOnly to true`,
      ),
    );
    assert.equal(fs.readFileSync(config, "utf8"), ORIGINAL);
    assert.equal(fs.existsSync(backupPath(config)), false);
    const allowed = await run({ sitePackagePath: sp, allowReadOnly: "true" });
    assert.equal(allowed.result, "Succeeded", allowed.stdout);
    assert.equal(fs.readFileSync(config, "utf8"), ORIGINAL.replace("impala-virtual-prd", "impala-virtual-dev"));
    await run({ sitePackagePath: sp }, { entry: "post.js", taskVariables: { LZ_SWITCHED_CONFIG: config } });
    assert.equal(fs.readFileSync(config, "utf8"), ORIGINAL);
    assert.equal(fs.statSync(config).mode & 0o777, 0o444);
  });

  it("keeps mode 0640 and the group through switch and post-job restore", async () => {
    const { site: sp, config } = site();
    fs.chmodSync(config, 0o640);
    const group = process.getuid?.() === 0 ? 8765 : fs.statSync(config).gid;
    fs.chownSync(config, fs.statSync(config).uid, group);
    await run({ sitePackagePath: sp });
    assert.equal(fs.statSync(config).mode & 0o7777, 0o640);
    assert.equal(fs.statSync(config).gid, group);
    await run({ sitePackagePath: sp }, { entry: "post.js", taskVariables: { LZ_SWITCHED_CONFIG: config } });
    assert.equal(fs.statSync(config).mode & 0o7777, 0o640);
    assert.equal(fs.statSync(config).gid, group);
    assert.equal(fs.readFileSync(config, "utf8"), ORIGINAL);
  });

  it("refuses a symlinked config.json in Spanish too, naming the target and configPath", async () => {
    const { site: sp, config } = site();
    const target = path.join(path.dirname(sp), "compartido.json");
    fs.renameSync(config, target);
    fs.symlinkSync(target, config);
    const r = await run({ sitePackagePath: sp }, { variables: { "System.Culture": "es-ES" } });
    assert.equal(r.result, "Failed");
    assert.match(r.runner.errorIssues[0], /es un enlace simbólico a .*compartido\.json: no se cambió\..*configPath/);
    assert.equal(fs.lstatSync(config).isSymbolicLink(), true);
    assert.equal(fs.readFileSync(target, "utf8"), ORIGINAL);
  });

  it("removes the temporary files a killed earlier run left", async () => {
    const { site: sp, config } = site();
    // A run killed while keeping a changed file aside leaves this one; the switch itself never writes it.
    fs.writeFileSync(`${config}.lz-modified.lz-tmp`, "half");
    fs.writeFileSync(`${config}.lz-tmp`, "half");
    await run({ sitePackagePath: sp });
    assert.deepEqual(
      fs.readdirSync(path.dirname(config)).filter((f) => f.endsWith(".lz-tmp")),
      [],
    );
  });
});
