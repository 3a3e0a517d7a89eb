/**
 * `lz` explains itself: the help of each command is its task's inputs (task.json labels, choices,
 * defaults; Spanish from the task's es-ES resjson), a usage error names the one bad flag and where
 * the help is, colours and progress only on a terminal.
 */
/* eslint-disable no-control-regex -- terminal escape codes are what these tests look for */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import pkg from "../../package.json";
import { colourWanted } from "../../cli/paint";
import { kebabCase, type TaskDefinition } from "../../cli/taskInputs";
import { repoRoot } from "../helpers/taskRun";

const EXAMPLE = path.join(repoRoot, "examples", "alm_demo_rutina");
const ANSI = /\x1b\[/;

/** Each command, the task it runs and the inputs it leaves to the pipeline (or to another command). */
const COMMANDS: Array<{ name: string; task: string; skip?: string[]; only?: string[] }> = [
  { name: "oc-vars", task: "CreateOCVarsV1" },
  { name: "validate", task: "ValidateRoutineV1", skip: ["workItemId", "logsFromWorkItem"] },
  { name: "reserve", task: "ReserveInventoryV1" },
  { name: "run", task: "RunRoutineV1" },
  { name: "verify-env", task: "VerifyRoutineEnvV1" },
  { name: "switch-dsn", task: "SwitchRoutineDsnV1" },
  { name: "api validate", task: "ValidateApiInfraV1", skip: ["checkVariableGroup"] },
  { name: "run-coordinators", task: "RunCoordinatorsV1", skip: ["workItemId"] },
];

/** The commands no task runs: their flags are described by the command itself (cli/commands/apiEdit.ts). */
const EDIT_COMMANDS = ["api add-table", "api add-coordinator"];

function lz(args: string[], env: Record<string, string> = {}, preload: string[] = []) {
  return spawnSync(process.execPath, [...preload, path.join(repoRoot, "bin", "lz.js"), ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", LANG: "C.UTF-8", ...env },
  });
}

function readJson<T>(...parts: string[]): T {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, ...parts), "utf8")) as T;
}

/** The text of one help row: from the flag to the end of its description (long flags wrap once). */
function rowOf(help: string, flag: string): string {
  const lines = help.split("\n");
  const at = lines.findIndex((l) => l.trimStart().startsWith(`${flag} `) || l.trim() === flag);
  assert.ok(at >= 0, `${flag} is not in the help:\n${help}`);
  const next = lines[at + 1] ?? "";
  return /^ {4,}\S/.test(next) ? `${lines[at]} ${next.trim()}` : lines[at];
}

describe("lz help", function () {
  this.timeout(30000);

  for (const command of COMMANDS) {
    it(`${command.name}: lists every input of ${command.task} with its label, choices and default, in English and Spanish`, () => {
      const task = readJson<TaskDefinition & { version: Record<string, number> }>("tasks", command.task, "task.json");
      const spanish = readJson<Record<string, string>>(
        "tasks",
        command.task,
        "Strings/resources.resjson/es-ES/resources.resjson",
      );
      const en = lz(["help", command.name]);
      const es = lz(["help", command.name, "--lang", "es"]);
      assert.equal(en.status, 0, en.stderr);
      assert.equal(es.status, 0, es.stderr);
      assert.equal(lz([command.name, "--help"]).stdout, en.stdout, "--help and lz help <command> are the same");
      assert.match(en.stdout, new RegExp(`^usage: lz ${command.name}`));
      assert.match(es.stdout, new RegExp(`^uso: lz ${command.name}`));
      for (const input of task.inputs ?? []) {
        const flag = `--${kebabCase(input.name)}`;
        if (command.skip?.includes(input.name)) {
          assert.ok(!en.stdout.includes(`${flag} `), `${flag} needs the pipeline: not offered`);
          assert.match(en.stdout, new RegExp(`Only in a pipeline.*${flag}`));
          continue;
        }
        const row = rowOf(en.stdout, flag);
        assert.ok(row.includes(input.label ?? input.name), `${flag}: label '${input.label}' in '${row}'`);
        if (input.options)
          assert.ok(row.includes(Object.keys(input.options).join("|")), `${flag}: choices in '${row}'`);
        const def = input.defaultValue === undefined ? "" : String(input.defaultValue).split("\n").join("; ");
        if (def && !def.includes("$(")) assert.ok(row.includes(`(default: ${def})`), `${flag}: default in '${row}'`);
        if (def.includes("$(")) assert.ok(!row.includes("$("), `${flag}: a pipeline macro is no default outside one`);
        const label = spanish[`loc.input.label.${input.name}`];
        assert.ok(label, `${command.task}: no Spanish label for ${input.name}`);
        assert.ok(rowOf(es.stdout, flag).includes(label), `${flag}: Spanish label '${label}'`);
      }
    });
  }

  for (const name of EDIT_COMMANDS) {
    it(`${name}: lists every flag with its label, in English and Spanish, the same from either bundle`, async () => {
      const { API_EDIT_COMMANDS } = (await import(path.join(repoRoot, "build/ts/cli/commands/apiEdit.js"))) as {
        API_EDIT_COMMANDS: Array<{ name: string; task: TaskDefinition; spanish: Record<string, string> }>;
      };
      const spec = API_EDIT_COMMANDS.find((c) => c.name === name)!;
      const en = lz(["help", ...name.split(" ")]);
      const es = lz(["help", ...name.split(" "), "--lang", "es"]);
      assert.equal(en.status, 0, en.stderr);
      assert.match(en.stdout, new RegExp(`^usage: lz ${name}`));
      assert.match(es.stdout, new RegExp(`^uso: lz ${name}`));
      // `lz api add-table --help` runs from the small bundle (bin/lz.js): the same help.
      assert.equal(lz([...name.split(" "), "--help"]).stdout, en.stdout);
      assert.ok((spec.task.inputs ?? []).length >= 8, "the command describes its inputs");
      for (const input of spec.task.inputs ?? []) {
        const flag = `--${kebabCase(input.name)}`;
        assert.ok(input.label && rowOf(en.stdout, flag).includes(input.label), `${flag}: label in English`);
        const label = spec.spanish[`loc.input.label.${input.name}`];
        assert.ok(label && label !== input.label, `${flag}: a Spanish label of its own`);
        assert.ok(rowOf(es.stdout, flag).includes(label), `${flag}: Spanish label '${label}'`);
        if (input.options)
          assert.ok(rowOf(en.stdout, flag).includes(Object.keys(input.options).join("|")), `${flag}: choices`);
      }
      assert.ok(rowOf(en.stdout, "--dry-run"), "--dry-run is described");
      if (name === "api add-table") assert.match(rowOf(en.stdout, "--params"), /--params FILE +a params file/);
    });
  }

  it("lz api lists the API's commands; a two-word command's usage error points at its own help", () => {
    const group = lz(["api"]);
    assert.equal(group.status, 2);
    for (const c of [...EDIT_COMMANDS, "api validate"]) assert.match(group.stdout, new RegExp(`^  ${c} `, "m"));
    assert.equal(lz(["help", "api"]).status, 0);
    assert.equal(lz(["help", "api"]).stdout, group.stdout);
    const unknown = lz(["api", "borrar-tabla"]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command 'api borrar-tabla'/);
    const typo = lz(["api", "add-table", "--tabel", "x"]);
    assert.equal(typo.status, 2);
    const lines = typo.stderr.trimEnd().split("\n");
    assert.equal(lines.length, 2, typo.stderr);
    assert.match(lines[0], /^lz api add-table: .*--tabel.*--table\b/);
    assert.equal(lines[1], "See its flags with: lz help api add-table");
    const missing = lz(["api", "add-table", "--lang", "es"]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^lz api add-table: Falta --template, que es obligatorio\./m);
    const infra = path.join(repoRoot, "test", "fixtures", "api", "infra", "AlterCtraScoreDelta");
    const group2 = lz(["api", "validate", infra, "--check-variable-group", "true"]);
    assert.equal(group2.status, 2);
    assert.match(group2.stderr, /--check-variable-group only works inside a pipeline \(.*to read the variable group\)/);
    const evidence = lz(["run-coordinators", "--api-name", "AlterCtraScoreDelta", "--work-item-id", "3575833"]);
    assert.equal(evidence.status, 2);
    assert.match(evidence.stderr, /--work-item-id only works inside a pipeline \(.*evidence on the HU\)/);
  });

  it("lz help lists every command; lz --version names lz's and each task's version", () => {
    const help = lz(["help"]);
    assert.equal(help.status, 0);
    for (const c of [...COMMANDS.map((c) => c.name), ...EDIT_COMMANDS, "logs"])
      assert.match(help.stdout, new RegExp(`^  ${c} `, "m"));
    const version = lz(["--version"]);
    assert.equal(version.status, 0);
    assert.equal(lz(["-V"]).stdout, version.stdout);
    assert.match(version.stdout, new RegExp(`^lz ${pkg.version.replace(/\./g, "\\.")}\n`));
    for (const c of COMMANDS) {
      const v = readJson<{ name: string; version: Record<string, number> }>("tasks", c.task, "task.json");
      assert.ok(
        version.stdout.includes(`${v.name} ${v.version.Major}.${v.version.Minor}.${v.version.Patch}`),
        `${v.name} in ${version.stdout}`,
      );
    }
  });

  it("a usage error names the one flag, suggests the near one and points at the help, without printing it", () => {
    const typo = lz(["validate", EXAMPLE, "--zonaa", "x"]);
    assert.equal(typo.status, 2);
    assert.equal(typo.stdout, "");
    const lines = typo.stderr.trimEnd().split("\n");
    assert.equal(lines.length, 2, typo.stderr);
    assert.match(lines[0], /^lz validate: .*--zonaa.*--zona\b/);
    assert.equal(lines[1], "See its flags with: lz help validate");
    const spanish = lz(["validate", EXAMPLE, "--zonaa", "x", "--lang", "es"]);
    assert.match(spanish.stderr, /lz help validate/);
    assert.ok(!/See its flags/.test(spanish.stderr), spanish.stderr);
  });

  it("refuses an unknown --lang, an unknown command and a pipeline-only flag with exit 2", () => {
    const lang = lz(["validate", EXAMPLE, "--lang", "fr"]);
    assert.equal(lang.status, 2);
    assert.match(lang.stderr, /--lang must be en or es \(got 'fr'\)/);
    const unknown = lz(["validar"]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command 'validar'/);
    const pipeline = lz(["validate", EXAMPLE, "--work-item-id", "123"]);
    assert.equal(pipeline.status, 2);
    assert.match(pipeline.stderr, /--work-item-id only works inside a pipeline/);
  });
});

describe("lz output on a terminal and in a pipe", function () {
  this.timeout(60000);

  it("colours only a terminal that wants them (NO_COLOR, TERM=dumb, a pipe)", () => {
    assert.equal(colourWanted({ isTTY: true }, {}), true);
    assert.equal(colourWanted({ isTTY: true }, { NO_COLOR: "1" }), false);
    assert.equal(colourWanted({ isTTY: true }, { NO_COLOR: "" }), true, "an empty NO_COLOR does not count");
    assert.equal(colourWanted({ isTTY: true }, { TERM: "dumb" }), false);
    assert.equal(colourWanted({ isTTY: false }, {}), false);
    assert.equal(colourWanted({}, {}), false);
  });

  it("piped: plain text, no progress; on a terminal: coloured severities and progress on stderr", () => {
    const args = ["validate", EXAMPLE, "--zona", "proceso_demo_zona", "--artifact-version", "20240105.2"];
    const piped = lz(args);
    assert.equal(piped.status, 1);
    assert.match(piped.stdout, / error SEC001 /);
    assert.ok(!ANSI.test(piped.stdout + piped.stderr), "no escape codes in a pipe");
    // A terminal, as Node sees one: stdout and stderr report isTTY (set before lz loads).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-tty-"));
    const preload = path.join(dir, "tty.js");
    fs.writeFileSync(
      preload,
      'for (const s of [process.stdout, process.stderr]) Object.defineProperty(s, "isTTY", { value: true });\n',
    );
    const tty = lz(args, { TERM: "xterm" }, ["-r", preload]);
    assert.equal(tty.status, 1);
    assert.ok(tty.stdout.includes("\x1b[31m"), "errors in red");
    assert.match(tty.stdout, /\x1b\[[0-9;]*m(?:\x1b\[[0-9;]*m)?error\x1b/);
    assert.match(tty.stderr, /\r\x1b\[2K\d+\/\d+ files analyzed/);
    const noColour = lz(args, { TERM: "xterm", NO_COLOR: "1" }, ["-r", preload]);
    assert.ok(!ANSI.test(noColour.stdout), "NO_COLOR: no colour");
    const json = lz([...args, "--format", "json"], { TERM: "xterm" }, ["-r", preload]);
    assert.ok(!ANSI.test(json.stdout + json.stderr), "JSON has no colour and no progress");
    JSON.parse(json.stdout);
  });
});
