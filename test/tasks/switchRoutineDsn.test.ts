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
});
