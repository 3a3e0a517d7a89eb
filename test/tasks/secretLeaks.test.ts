/**
 * No character of a credential the routine holds reaches any output: the task's log (annotations,
 * result), its report files (JSON, SARIF, summary), the comment and the SARIF it posts on the HU,
 * and every format of `lz validate`, in English and Spanish. The secrets are random base62 strings
 * (seeded, so a run is repeatable); an output fails when it holds any 4-character piece of one.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { startFakeAdo } from "../helpers/fakeAdoProcess";
import { makeRoutine } from "../helpers/routine";
import { repoRoot, runTask, uploadedSummary } from "../helpers/taskRun";

/** mulberry32: a small seeded generator, so the planted values are the same at every run. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const random = seeded(20261201);
const secret = (length: number) => Array.from({ length }, () => BASE62[Math.floor(random() * 62)]).join("");

const S = Array.from({ length: 8 }, (_, i) => secret(16 + i * 3));

/** The forms SEC001 knows, and places where other rules quote the source next to a credential. */
function plantedRoutine(): string {
  return makeRoutine({
    "static/config/config.json": JSON.stringify({ dsn: "impala-virtual-prd", zona: "zona_x", password: S[0] }),
    "m.py": [
      `password = "${S[1]}"`,
      `conn = connect(dsn, pwd="${S[2]}")`,
      `url = "postgres://svc_user:${S[3]}@host/db"`,
      `cs = "Driver=x;UID=u;PWD=${S[4]};"`,
      `cursor.execute("INSERT INTO otra_zona.t SELECT * FROM a WHERE pwd = '${S[5]}' AND x = 'hdfs://svc:${S[5]}@nn/user/ana'")`,
      "",
    ].join("\n"),
    // A credential beside a syntax error: the error's snippet must not carry it.
    "roto.py": `clave = "${S[6]}" +\n`,
    "app.properties": `token=${S[7]}\n`,
  });
}

/** Every 4-character piece of a planted secret found in `text`, with where. */
function leaks(where: string, text: string): string[] {
  const found: string[] = [];
  for (const s of S) {
    for (let i = 0; i + 4 <= s.length; i++) {
      const piece = s.slice(i, i + 4);
      const at = text.indexOf(piece);
      if (at >= 0)
        found.push(`${where}: '${piece}' of a planted secret in …${text.slice(Math.max(0, at - 40), at + 44)}…`);
    }
  }
  return found;
}

const filesUnder = (dir: string): string[] =>
  fs
    .readdirSync(dir, { recursive: true })
    .map((f) => path.join(dir, String(f)))
    .filter((f) => fs.statSync(f).isFile());

describe("no planted secret in any output", function () {
  this.timeout(120000);

  for (const culture of ["en-US", "es-CO"]) {
    it(`ValidateRoutine (${culture}): log, reports, summary, HU comment and attached SARIF`, async () => {
      const ado = await startFakeAdo();
      try {
        const routine = plantedRoutine();
        const reports = path.join(routine, "..", "reports");
        const r = await runTask("ValidateRoutineV1", {
          inputs: {
            routinePath: routine,
            pythonVersion: "3.5",
            expectedDsn: "impala-virtual-prd",
            failOn: "error",
            reportDirectory: reports,
            workItemId: "77",
          },
          variables: {
            "System.Culture": culture,
            "System.CollectionUri": `http://127.0.0.1:${ado.port}/org/`,
            "System.TeamProject": "Proyecto",
          },
          secrets: { "System.AccessToken": "token-of-the-job" },
        });
        assert.equal(r.result, "Failed", r.stdout);
        const sec = r.commands.filter((c) => c.command === "task.logissue" && c.properties.code === "SEC001");
        assert.ok(sec.length >= 7, `SEC001 found ${sec.length} of the planted credentials:\n${r.stdout}`);
        const posted = ado.requests().filter((q) => q.method === "POST" || q.method === "PATCH");
        assert.ok(
          posted.some((q) => /comments/.test(q.url)),
          "the comment was posted",
        );
        assert.ok(
          posted.some((q) => /attachments/.test(q.url)),
          "the SARIF was attached",
        );
        const outputs: Array<[string, string]> = [
          ["the task's log", r.stdout],
          ["the summary tab", uploadedSummary(r)],
          ...filesUnder(reports).map((f) => [f, fs.readFileSync(f, "utf8")] as [string, string]),
          ...posted.map((q) => [`${q.method} ${q.url}`, q.body] as [string, string]),
        ];
        assert.ok(outputs.length >= 5, outputs.map((o) => o[0]).join(", "));
        assert.deepEqual(
          outputs.flatMap(([where, text]) => leaks(where, text)),
          [],
        );
      } finally {
        ado.process.kill();
      }
    });
  }

  for (const lang of ["en", "es"])
    for (const format of ["text", "json", "sarif", "markdown"])
      it(`lz validate --format ${format} --lang ${lang}`, () => {
        const routine = plantedRoutine();
        const r = spawnSync(
          process.execPath,
          [path.join(repoRoot, "bin", "lz.js"), "validate", routine, "--format", format, "--lang", lang],
          { encoding: "utf8", env: { PATH: process.env.PATH ?? "" } },
        );
        assert.equal(r.status, 1, r.stderr);
        assert.match(r.stdout, /SEC001/);
        assert.deepEqual([...leaks("stdout", r.stdout), ...leaks("stderr", r.stderr)], []);
      });
});
