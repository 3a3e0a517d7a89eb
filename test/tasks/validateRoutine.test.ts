import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { FakeAdo, startFakeAdo } from "../helpers/fakeAdoProcess";
import { goodRunStarts, logName, runLog } from "../helpers/logs";
import { makeRoutine, PRD_CONFIG } from "../helpers/routine";
import { describeOnTaskNodes, runTask, uploadedSummary } from "../helpers/taskRun";

const MANY_ERRORS =
  Array.from({ length: 12 }, (_, i) => `v${i} = f"{x}"`).join("\n") +
  "\n" +
  Array.from({ length: 3 }, (_, i) => `import secrets as s${i}`).join("\n") +
  "\n";

function run(
  inputs: Record<string, string>,
  variables: Record<string, string> = {},
  secrets: Record<string, string> = {},
) {
  return runTask("ValidateRoutineV1", {
    inputs: { pythonVersion: "3.5", expectedDsn: "impala-virtual-prd", failOn: "error", ...inputs },
    variables,
    secrets,
  });
}

describeOnTaskNodes("ValidateRoutine task", function () {
  this.timeout(60000);

  it("fails the gate on errors, shows at most 10 error annotations with file and line, and reports everything", async () => {
    const routine = makeRoutine({ "static/config/config.json": PRD_CONFIG, "m.py": MANY_ERRORS, "n.py": "x = 1\n" });
    const r = await run({ routinePath: routine, reportDirectory: path.join(routine, "..", "reports") });
    assert.equal(r.result, "Failed", r.stdout);
    const logged = r.commands.filter((c) => c.command === "task.logissue");
    assert.equal(logged.filter((c) => c.properties.type === "error").length, 10);
    assert.equal(logged[0].properties.sourcepath, path.join(routine, "m.py"));
    assert.equal(logged[0].properties.linenumber, "1");
    assert.equal(logged[0].properties.code, "PY003");
    assert.match(r.stdout, /5 more finding\(s\) are not shown as annotations/);
    assert.match(r.runner.errorIssues.at(-1)!, /The routine has 15 finding\(s\) at or above 'error'/);
    const report = JSON.parse(
      fs.readFileSync(path.join(routine, "..", "reports", "ValidateRoutine-report.json"), "utf8"),
    );
    assert.equal(report.findings.length, 15);
    assert.ok(fs.existsSync(path.join(routine, "..", "reports", "ValidateRoutine.sarif")));
    assert.match(uploadedSummary(r), /\| PY003 \| error \| 12 \|/);
    assert.equal(r.variables.get("ValidateRoutine.Errors")?.message, "15");
    assert.equal(r.variables.get("ValidateRoutine.Warnings")?.message, "0");
    assert.equal(r.variables.get("ReportPath")?.properties.isOutput, "true");
  });

  it("passes a clean routine, and is SucceededWithIssues on warnings below failOn", async () => {
    const clean = makeRoutine({ "static/config/config.json": PRD_CONFIG, "m.py": "x = 1\n" });
    assert.equal((await run({ routinePath: clean })).result, "Succeeded");
    const warned = makeRoutine({ "static/config/config.json": PRD_CONFIG, "m.py": 'x = f"{a}"\n' });
    const r = await run({ routinePath: warned, ruleSeverities: "PY003=warning" });
    assert.equal(r.result, "SucceededWithIssues", r.stdout);
    assert.equal(r.commands.filter((c) => c.command === "task.logissue" && c.properties.type === "warning").length, 1);
  });

  it("checks zona and version from the release, and skips them (with a warning) when undefined", async () => {
    const routine = makeRoutine({ "static/config/config.json": PRD_CONFIG, "version.txt": "1.0\n", "m.py": "x = 1\n" });
    const checked = await run({ routinePath: routine, zona: "otra", artifactVersion: "2.0" });
    const codes = checked.commands
      .filter((c) => c.command === "task.logissue")
      .map((c) => c.properties.code)
      .sort();
    assert.deepEqual(codes, ["CFG003", "VER001"]);
    const skipped = await run({ routinePath: routine, zona: "$(zona)", artifactVersion: "$(Build.BuildNumber)" });
    assert.equal(skipped.result, "Succeeded", skipped.stdout);
    assert.match(
      skipped.runner.warningIssues.join("\n"),
      /Input zona is '\$\(zona\)', a variable the release does not define/,
    );
  });

  it("fails clearly when the routine folder is missing or VerifyRoutineEnv did not run", async () => {
    const missing = await run({ routinePath: "/nonexistent/site-packages/alm_x" });
    assert.match(
      missing.runner.errorIssues[0],
      /The routine folder '\/nonexistent\/site-packages\/alm_x' does not exist/,
    );
    const unresolved = await run({ routinePath: "$(RoutineEnv.SitePackagePath)" });
    assert.match(unresolved.runner.errorIssues[0], /run VerifyRoutineEnv earlier in this job/);
  });

  it("analyzes many files on worker threads with the same findings", async () => {
    const files: Record<string, string> = { "static/config/config.json": PRD_CONFIG };
    for (let i = 0; i < 60; i++) files[`mod${i}.py`] = i % 3 ? "x = 1\n" : 'x = f"{a}"\n';
    const r = await run({ routinePath: makeRoutine(files), failOn: "never" });
    assert.equal(r.variables.get("ValidateRoutine.Errors")?.message, "20", r.stdout);
    assert.match(r.stdout, /60 of 61 files analyzed|60 of 60 files analyzed|of \d+ files analyzed/);
  });

  it("keeps its gate when the routine's own .lzvalidator.json tries to switch it off, and lists what it tried", async () => {
    const routine = makeRoutine({
      "static/config/config.json": PRD_CONFIG,
      "m.py": 'password = "Sup3rSecreta2024"\na = "/home/ana/x"\n',
      ".lzvalidator.json": '{"rules": {"SEC001": "off", "PTH001": "off"}, "failOn": "never"}',
    });
    const r = await run({ routinePath: routine, protectedRules: "PTH001" });
    assert.equal(r.result, "Failed", r.stdout);
    const codes = r.commands.filter((c) => c.command === "task.logissue").map((c) => c.properties.code);
    assert.deepEqual([...new Set(codes)].sort(), ["LZV002", "PTH001", "SEC001"]);
    const summary = uploadedSummary(r);
    assert.match(summary, /\| \.lzvalidator\.json:1 \| rules\.SEC001 = off \| \(no reason given\) \| refused/);
    assert.match(summary, /\| \.lzvalidator\.json:1 \| rules\.PTH001 = off \| \(no reason given\) \| refused/);
    assert.match(summary, /\| \.lzvalidator\.json:1 \| failOn = "never" \|/);
  });

  it("shows the fixes' patch in the summary, compiled by the python input or said not compiled", async () => {
    const routine = makeRoutine({ "static/config/config.json": PRD_CONFIG, "m.py": 'a = 1\nx = f"{a!r}"\n' });
    const r = await run({ routinePath: routine });
    const summary = uploadedSummary(r);
    assert.match(summary, /#### Fixes for Python 3\.5 \(patch\)/);
    assert.match(summary, /<details><summary>m\.py — 1 fix\(es\)<\/summary>/);
    assert.match(summary, /^\+x = "\{!r\}"\.format\(a\)$/m);
    assert.match(summary, /Compile check not done: no interpreter of Python 3\.5/);
    assert.match(r.stdout, /Compile check not done/);
  });

  it("writes messages in Spanish when the agent's culture is es-ES", async () => {
    const routine = makeRoutine({ "static/config/config.json": PRD_CONFIG, "m.py": 'x = f"{a}"\n' });
    const r = await run({ routinePath: routine }, { "System.Culture": "es-ES" });
    assert.match(r.stdout, /Un f-string requiere Python 3.6; la rutina se ejecuta en Python 3.5/);
    assert.match(r.runner.errorIssues.at(-1)!, /La rutina tiene 1 hallazgo\(s\)/);
  });

  describe("the HU comment (against a local fake of the REST API)", () => {
    let ado: FakeAdo | undefined;
    let log: string;
    const start = async (...args: string[]) => {
      ado = await startFakeAdo(...args);
      log = ado.log;
      return ado.port;
    };
    const requests = () => ado!.requests() as any[];
    afterEach(() => ado?.process.kill());

    const TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.secret-token";
    const vars = (port: number) => ({
      "System.CollectionUri": `http://127.0.0.1:${port}/org/`,
      "System.TeamProject": "Proyecto",
      "Release.ReleaseId": "42",
      "Release.ReleaseName": "Release-42",
    });

    it("posts the findings, attaches the SARIF, then updates the same comment on a rerun", async () => {
      const port = await start();
      const routine = makeRoutine({ "static/config/config.json": PRD_CONFIG, "m.py": 'x = f"{a}"\n' });
      const first = await run({ routinePath: routine, workItemId: "77" }, vars(port), { "System.AccessToken": TOKEN });
      assert.match(first.stdout, /Findings posted on HU 77 \(comment 100\)/);
      assert.match(first.stdout, /SARIF attached to HU 77/);
      const second = await run({ routinePath: routine, workItemId: "77" }, vars(port), { "System.AccessToken": TOKEN });
      assert.match(second.stdout, /Findings updated on HU 77 \(comment 100\)/);

      const calls = requests()
        .filter((r) => r.method !== "OPTIONS")
        .map((r) => `${r.method} ${r.url.split("?")[0]}`);
      assert.deepEqual(calls, [
        "GET /org/Proyecto/_apis/wit/workItems/77/comments",
        "POST /org/Proyecto/_apis/wit/workItems/77/comments",
        "POST /org/Proyecto/_apis/wit/attachments",
        "PATCH /org/Proyecto/_apis/wit/workItems/77",
        "GET /org/Proyecto/_apis/wit/workItems/77/comments",
        "PATCH /org/Proyecto/_apis/wit/workItems/77/comments/100",
        "POST /org/Proyecto/_apis/wit/attachments",
        "PATCH /org/Proyecto/_apis/wit/workItems/77",
      ]);
      const all = requests();
      for (const r of all.filter((x) => x.method !== "OPTIONS")) assert.equal(r.auth, `Bearer ${TOKEN}`);
      const posted = JSON.parse(all.find((r) => r.method === "POST" && /comments/.test(r.url)).body).text;
      assert.match(posted, /PY003/);
      assert.match(posted, /lz-validate-routine · release 42/);
      // The patch, folded, HTML-escaped.
      assert.match(posted, /<details><summary>m\.py — 1 fix\(es\)<\/summary><pre>--- a\/m\.py\n\+\+\+ b\/m\.py\n/);
      assert.match(posted, /\+x = &quot;\{\}&quot;\.format\(a\)/);
      const relation = JSON.parse(all.find((r) => r.method === "PATCH" && /workItems\/77(\?|$)/.test(r.url)).body);
      assert.equal(relation[0].value.rel, "AttachedFile");
      assert.ok(first.vsoLines.includes(`##vso[task.setsecret]${TOKEN}`), "the token is registered as a secret");
      // task-lib's own debug line of the variable is masked by the agent (a secret variable); the
      // task itself never prints it.
      const leaks = first.stdout
        .split("\n")
        .filter(
          (l) => l.includes(TOKEN) && !l.startsWith("##vso[task.setsecret]") && !l.startsWith("##vso[task.debug]"),
        );
      assert.deepEqual(leaks, []);
    });

    it("explains the missing permission and keeps the gate's own result", async () => {
      const port = await start("--status", "403");
      const routine = makeRoutine({ "static/config/config.json": PRD_CONFIG, "m.py": "x = 1\n" });
      const r = await run({ routinePath: routine, workItemId: "77" }, vars(port), { "System.AccessToken": TOKEN });
      assert.match(
        r.runner.warningIssues.join("\n"),
        /Cannot comment on HU 77: the token lacks permission \(HTTP 403\)\. Give the project's build service 'Edit work items in this node'/,
      );
      assert.equal(r.result, "SucceededWithIssues");
    });

    it("goes through the agent's proxy (Agent.ProxyUrl, with its credentials) to post the comment", async () => {
      const port = await start();
      const proxyLog = path.join(path.dirname(log), "proxy.jsonl");
      fs.writeFileSync(proxyLog, "");
      const proxy = spawn(process.execPath, [
        path.join(__dirname, "..", "helpers", "forwardProxy.js"),
        proxyLog,
        "--user",
        "banco\\svc:proxy-pass-9",
      ]);
      try {
        const proxyPort = await new Promise<number>((resolve) =>
          proxy.stdout!.once("data", (d: Buffer) => resolve(Number(/listening (\d+)/.exec(d.toString())![1]))),
        );
        const routine = makeRoutine({ "static/config/config.json": PRD_CONFIG, "m.py": 'x = f"{a}"\n' });
        const r = await run(
          { routinePath: routine, workItemId: "77" },
          { ...vars(port), "Agent.ProxyUrl": `http://127.0.0.1:${proxyPort}`, "Agent.ProxyUsername": "banco\\svc" },
          { "System.AccessToken": TOKEN, "Agent.ProxyPassword": "proxy-pass-9" },
        );
        assert.match(r.stdout, /Findings posted on HU 77/);
        const through = fs
          .readFileSync(proxyLog, "utf8")
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l));
        assert.ok(
          through.some((t) => t.method === "CONNECT" && t.url === `127.0.0.1:${port}`),
          JSON.stringify(through),
        );
        assert.ok(
          through.every((t) => t.auth === `Basic ${Buffer.from("banco\\svc:proxy-pass-9").toString("base64")}`),
        );
        assert.ok(
          requests().some((x) => x.method === "POST" && /comments/.test(x.url)),
          "the comment reached the server",
        );
        assert.ok(
          r.vsoLines.includes("##vso[task.setsecret]proxy-pass-9"),
          "the proxy password is registered as a secret",
        );
      } finally {
        proxy.kill();
      }
    });

    it("uses the job connection's token (SystemVssConnection) when the agent provides it", async () => {
      const port = await start();
      const routine = makeRoutine({ "static/config/config.json": PRD_CONFIG, "m.py": "x = 1\n" });
      process.env.ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN = "conn-token-1";
      try {
        const r = await run({ routinePath: routine, workItemId: "77" }, vars(port));
        assert.match(r.stdout, /Findings posted on HU 77/);
        assert.ok(r.vsoLines.includes("##vso[task.setsecret]conn-token-1"));
      } finally {
        delete process.env.ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN;
      }
      assert.equal(requests().find((x) => x.method === "POST").auth, "Bearer conn-token-1");
    });

    it("downloads the HU's .log/.zip attachments and checks them as run logs", async () => {
      const attachments = fs.mkdtempSync(path.join(os.tmpdir(), "lz-att-"));
      const zip = new JSZip();
      for (const d of goodRunStarts().slice(0, 6)) zip.file(logName(d), runLog(d));
      fs.writeFileSync(path.join(attachments, "logs.zip"), await zip.generateAsync({ type: "nodebuffer" }));
      for (const d of goodRunStarts().slice(6))
        fs.writeFileSync(path.join(attachments, logName(d)), runLog(d, [], d.getUTCHours() !== 18));
      fs.writeFileSync(path.join(attachments, "requerimiento.docx"), "no es log");
      const port = await start("--attachments", attachments);
      const routine = makeRoutine({ "static/config/config.json": PRD_CONFIG, "m.py": "x = 1\n" });
      const r = await run({ routinePath: routine, workItemId: "77", logsFromWorkItem: "true" }, vars(port), {
        "System.AccessToken": TOKEN,
      });
      assert.match(r.stdout, /Downloaded 5 log attachment\(s\) of HU 77: 2022072[0-9]_.*logs\.zip/);
      const issues = r.commands.filter((c) => c.command === "task.logissue").map((c) => c.properties.code);
      assert.deepEqual(issues, ["LOG004", "LOG004"], r.stdout);
      assert.ok(requests().some((q) => q.method === "GET" && /attachments\/att-0/.test(q.url)));
    });

    it("names from outside (an attachment, a routine file) cannot issue agent commands", async () => {
      const attachments = fs.mkdtempSync(path.join(os.tmpdir(), "lz-att-"));
      const injected = "x\n##vso[task.setvariable variable=INJECTED]pwned\n##[error]fake.log";
      fs.writeFileSync(path.join(attachments, injected), runLog(goodRunStarts()[0]));
      const port = await start("--attachments", attachments);
      const routine = makeRoutine({
        "static/config/config.json": PRD_CONFIG,
        "ok.py": "x = 1\n",
        "y\n##vso[task.setvariable variable=INJECTED2]pwned\n##[section]z.py": 'x = f"{a}"\n',
      });
      const r = await run({ routinePath: routine, workItemId: "77", logsFromWorkItem: "true" }, vars(port), {
        "System.AccessToken": TOKEN,
      });
      assert.match(r.stdout, /Downloaded 1 log attachment/);
      assert.ok(r.commands.some((c) => c.command === "task.logissue" && c.properties.code === "PY003"));
      assert.equal(r.variables.has("INJECTED"), false);
      assert.equal(r.variables.has("INJECTED2"), false);
      const lines = r.stdout.split(/\r\n|\r|\n/);
      assert.deepEqual(
        lines.filter(
          (l) => /##vso\[task\.setvariable variable=INJECTED/.test(l) || /^\s*##\[(error|section)\]/.test(l),
        ),
        [],
      );
      assert.ok(
        lines.some((l) => l.includes("#\u200b#vso[task.setvariable variable=INJECTED]")),
        "shown, neutralized",
      );
    });

    it("says how to give the job a token when there is none", async () => {
      const routine = makeRoutine({ "static/config/config.json": PRD_CONFIG, "m.py": "x = 1\n" });
      const r = await run({ routinePath: routine, workItemId: "77" });
      assert.match(r.runner.warningIssues.join("\n"), /Enable 'Allow scripts to access the OAuth token'/);
      assert.equal(r.result, "SucceededWithIssues");
    });
  });
});
