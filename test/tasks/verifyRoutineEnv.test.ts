import { strict as assert } from "assert";
import { makeEnvironment } from "../helpers/envLayout";
import { describeOnTaskNodes, runTask, uploadedSummary } from "../helpers/taskRun";

const run = (inputs: Record<string, string>, variables: Record<string, string> = {}) =>
  runTask("VerifyRoutineEnvV1", {
    inputs: {
      maxAgeHours: "24",
      failOn: "error",
      repositoryName: "alm-bana-fco2",
      packageName: "alm_bana_fco2",
      zona: "proceso_x",
      ...inputs,
    },
    variables,
  });

describeOnTaskNodes("VerifyRoutineEnv task", function () {
  this.timeout(30000);

  it("sets the site-package for the next tasks of the job (job variables and declared outputs)", async () => {
    const env = makeEnvironment({ version: "20220111.1\n", sitePackage: "alm_bana_fco2_core" });
    const r = await run({
      baseDirectory: env.base,
      sitePackageName: "alm-bana-fco2-core",
      artifactVersion: "20220111.1",
    });
    assert.equal(r.result, "Succeeded", r.stdout);
    assert.equal(r.variables.get("RoutineEnv.SitePackagePath")?.message, env.sitePackage);
    assert.equal(r.variables.get("RoutineEnv.SitePackageName")?.message, "alm_bana_fco2_core");
    assert.equal(r.variables.get("SitePackagePath")?.properties.isOutput, "true");
  });

  it("fails with VER001 and the team's message when version.txt is not the artifact's", async () => {
    const env = makeEnvironment({ version: "20220111.1" });
    const r = await run({ baseDirectory: env.base, artifactVersion: "20220111.2" });
    assert.equal(r.result, "Failed");
    const issue = r.commands.find((c) => c.command === "task.logissue")!;
    assert.equal(issue.properties.code, "VER001");
    assert.match(issue.message, /The artifact does not have the updated routine version/);
    assert.match(uploadedSummary(r), /VER001/);
  });

  it("says which input to set when the release does not define it, in Spanish too", async () => {
    const r = await run({ baseDirectory: "/avirtual", zona: "$(zona)" }, { "System.Culture": "es-ES" });
    assert.match(
      r.runner.errorIssues[0],
      /La entrada zona es '\$\(zona\)', vacía o una variable que el release no define/,
    );
  });

  it("reports ENV001 with what the zona folder holds", async () => {
    const env = makeEnvironment({ folder: "otra-rutina" });
    const r = await run({ baseDirectory: env.base });
    assert.equal(r.result, "Failed");
    assert.match(
      r.stdout,
      /ENV001 No folder alm-bana-fco2 \/ alm_bana_fco2 under .*proceso_x.*Found there: otra-rutina/,
    );
    assert.equal(r.variables.size, 0, "nothing is handed to the next tasks");
  });
});
