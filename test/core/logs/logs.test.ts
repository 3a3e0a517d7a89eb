import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { checkLogs, DEFAULT_LOG_REQUIREMENTS, LogFile, runStart } from "../../../core/logs/checkLogs";
import { readLogFolder } from "../../../core/logs/readLogs";
import { goodRunStarts, logName, runLog, writeLogFolder } from "../../helpers/logs";
import { PRD_CONFIG, makeRoutine, validateHere } from "../../helpers/routine";

const good = (): LogFile[] => goodRunStarts().map((d) => ({ name: logName(d), text: runLog(d) }));
const codes = (files: LogFile[], req = DEFAULT_LOG_REQUIREMENTS) => checkLogs(files, req).map((f) => f.rule);

describe("run-log requirements", () => {
  it("ten runs on several days, hours apart, finished, without errors: no finding", () => {
    assert.deepEqual(checkLogs(good()), []);
  });

  it("reads the start from the team's file name, else from the first timestamp inside", () => {
    assert.equal(
      runStart({ name: "20220726_155026_orquestador_x.log", text: "" })?.toISOString(),
      "2022-07-26T15:50:26.000Z",
    );
    assert.equal(
      runStart({ name: "salida.log", text: "x\n2022-07-26 15:50:26,123 INFO start" })?.toISOString(),
      "2022-07-26T15:50:26.000Z",
    );
    assert.equal(runStart({ name: "salida.log", text: "sin fecha" }), undefined);
  });

  it("LOG001 with fewer files, naming them", () => {
    const f = checkLogs(good().slice(0, 9)).find((x) => x.rule === "LOG001")!;
    assert.deepEqual(f.args.slice(0, 2), [9, 10]);
  });

  it("LOG002 when every run is on one day, LOG003 for runs in a row, with both files", () => {
    const sameDay = Array.from({ length: 10 }, (_, i) => new Date(Date.UTC(2022, 6, 26, 8 + i, 30 * (i % 2), 0)));
    const findings = checkLogs(sameDay.map((d) => ({ name: logName(d), text: runLog(d) })));
    assert.ok(findings.some((f) => f.rule === "LOG002" && f.args[1] === "2022-07-26"));
    const gaps = findings.filter((f) => f.rule === "LOG003");
    assert.equal(gaps.length, 9);
    assert.match(String(gaps[0].args[0]), /20220726_080000_orquestador/);
    assert.equal(gaps[0].args[2], 90);
  });

  it("LOG004 for a run that did not finish; LOG005 for error lines with their line, tolerating Impala intermittents", () => {
    const files = good();
    files[0] = { ...files[0], text: runLog(goodRunStarts()[0], [], false) };
    files[1] = {
      ...files[1],
      text: runLog(goodRunStarts()[1], [
        "2022-07-20 18:00:01 ERROR TTransportException: connection reset",
        "2022-07-20 18:00:02 ERROR tabla no encontrada",
      ]),
    };
    files[2] = {
      ...files[2],
      text: runLog(goodRunStarts()[2], [
        "Traceback (most recent call last):",
        '  File "main.py", line 3, in <module>',
        "ValueError: fecha invalida",
      ]),
    };
    const found = checkLogs(files);
    assert.deepEqual(
      found.map((f) => `${f.rule} ${f.file}:${f.line}`),
      [`LOG004 ${files[0].name}:1`, `LOG005 ${files[1].name}:3`, `LOG005 ${files[2].name}:2`],
    );
    assert.match(String(found[2].args[0]), /Traceback \(most recent call last\): … ValueError: fecha invalida/);
  });

  it("thresholds and patterns are configurable", () => {
    const req = { ...DEFAULT_LOG_REQUIREMENTS, minFiles: 3, minDays: 1, minHoursApart: 0, successPattern: "FIN OK" };
    const files = good()
      .slice(0, 3)
      .map((f) => ({ ...f, text: f.text + "FIN OK\n" }));
    assert.deepEqual(codes(files, req), []);
  });

  it("reads .log files and the logs inside .zip attachments", async () => {
    const zip = new JSZip();
    for (const f of good().slice(0, 4)) zip.file(`logs/${f.name}`, f.text);
    const dir = writeLogFolder(
      Object.fromEntries(
        good()
          .slice(4)
          .map((f) => [f.name, f.text]),
      ),
    );
    fs.writeFileSync(path.join(dir, "logs_hu.zip"), await zip.generateAsync({ type: "nodebuffer" }));
    fs.writeFileSync(path.join(dir, "notas.docx"), "no es un log");
    const logs = await readLogFolder(dir);
    assert.equal(logs.length, 10);
    assert.ok(logs.some((l) => l.name.startsWith("logs_hu.zip/logs/")));
    assert.deepEqual(checkLogs(logs), []);
  });

  it("runs inside ValidateRoutine with logsPath and .lzvalidator.json settings", async () => {
    const dir = writeLogFolder(
      Object.fromEntries(
        good()
          .slice(0, 4)
          .map((f) => [f.name, f.text]),
      ),
    );
    const routine = makeRoutine({ "static/config/config.json": PRD_CONFIG });
    const strict = await validateHere(routine, { logsPath: dir });
    assert.deepEqual(
      strict.findings.map((f) => f.rule),
      ["LOG001"],
    );
    // The LZ team relaxes the requirements in a configuration file of its own…
    const lzConfig = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-cfg-")), "lz.json");
    fs.writeFileSync(lzConfig, '{"logs": {"minFiles": 4}}');
    assert.deepEqual((await validateHere(routine, { logsPath: dir, configFile: lzConfig })).findings, []);
    // …the routine cannot relax its own.
    const relaxed = makeRoutine({
      "static/config/config.json": PRD_CONFIG,
      ".lzvalidator.json": '{"logs": {"minFiles": 4}}',
    });
    assert.deepEqual(
      (await validateHere(relaxed, { logsPath: dir })).findings.map((f) => f.rule),
      ["LOG001", "LZV002"],
    );
  });
});
