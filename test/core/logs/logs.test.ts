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
/** The ten good runs, the second one logging `lines` between its start and its end. */
function goodWithSecondRun(lines: string[]): LogFile[] {
  const files = good();
  files[1] = { ...files[1], text: runLog(goodRunStarts()[1], lines) };
  return files;
}
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
      [
        `LOG004 ${files[0].name}:1`,
        `LOG005 ${files[1].name}:3`,
        `LOG009 ${files[1].name}:2`,
        `LOG005 ${files[2].name}:2`,
      ],
    );
    assert.deepEqual(found[2].args, [1, 0, "2"], "one intermittence tolerated, at line 2, counted");
    assert.match(String(found[3].args[0]), /Traceback \(most recent call last\): … ValueError: fecha invalida/);
  });

  it("LOG005 reads the log level: a WARNING or INFO line that mentions an error is not an error line", () => {
    const files = goodWithSecondRun([
      "2022-07-20 18:00:01,118 WARNING etl.impala: Error de conexion transitorio, reintentando (1/3)",
      "2022-07-20 18:00:02,004 INFO etl.carga: se manejo la excepcion ValueError de una fila vacia",
      "2022-07-20 18:00:03,500 - etl.carga - ERROR - fallo al insertar en proceso_x.tabla",
      "print sin nivel: ERROR al leer el archivo",
    ]);
    const found = checkLogs(files).filter((f) => f.rule === "LOG005");
    assert.deepEqual(
      found.map((f) => f.line),
      [4, 5],
      "the ERROR level line and the line without a level that says ERROR; not the WARNING nor the INFO",
    );
  });

  it("an ERROR followed by a retry-success line (before the next ERROR) is tolerated and counted in LOG009", () => {
    const files = goodWithSecondRun([
      "2022-07-20 18:00:01 ERROR carga: timeout al consultar Impala",
      "2022-07-20 18:00:05 INFO carga: reintento 2/3 exitoso",
      "2022-07-20 18:00:07 ERROR carga: timeout al escribir",
      "2022-07-20 18:00:08 ERROR carga: fallo definitivo",
      "2022-07-20 18:00:09 INFO carga: retry succeeded",
    ]);
    const found = checkLogs(files).filter((f) => f.file === files[1].name);
    assert.deepEqual(
      found.map((f) => `${f.rule}:${f.line}`),
      ["LOG005:4", "LOG009:2"],
      "the second error is left by the third; the first and the third are retried",
    );
    assert.deepEqual(found[1].args, [0, 2, "2, 5"]);
  });

  it("a user-set errorPattern is used as given; tolerated and retry patterns from the LZ team are added", () => {
    const files = goodWithSecondRun([
      "2022-07-20 18:00:01 WARNING FALLA GRAVE en la carga",
      "2022-07-20 18:00:02 ERROR algo que el patron no nombra",
      "2022-07-20 18:00:03 FALLA GRAVE: cuota de HDFS excedida",
    ]);
    const req = {
      ...DEFAULT_LOG_REQUIREMENTS,
      errorPattern: "FALLA GRAVE",
      toleratedPatterns: [...DEFAULT_LOG_REQUIREMENTS.toleratedPatterns, "cuota de HDFS"],
    };
    const found = checkLogs(files, req).filter((f) => f.file === files[1].name);
    assert.deepEqual(
      found.map((f) => `${f.rule}:${f.line}`),
      ["LOG005:2", "LOG009:4"],
    );
    const retried = checkLogs(
      [{ ...files[1], text: runLog(goodRunStarts()[1], ["2022-07-20 18:00:01 ERROR x", "listo al segundo intento"]) }],
      { ...DEFAULT_LOG_REQUIREMENTS, minFiles: 0, minDays: 0, retryPatterns: ["al segundo intento"] },
    );
    assert.deepEqual(
      retried.map((f) => `${f.rule}:${f.line}`),
      ["LOG009:2"],
    );
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
