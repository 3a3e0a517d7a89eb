import { strict as assert } from "assert";
import { RE2JS } from "re2js";
import {
  classifyLog,
  classifyLogLine,
  DEFAULT_RETRY_SUCCESS_PATTERNS,
  DEFAULT_TOLERATED_INTERMITTENCES,
  logLevelOf,
} from "../../../core/logs/levels";

describe("core/logs/levels: error lines by their log level", () => {
  it("reads the level of the team's format and the common variants", () => {
    const cases: Array<[string, string | undefined]> = [
      ["2022-07-26 15:50:26,123 ERROR cartera: No se encontro la tabla", "ERROR"],
      ["2022-07-26 15:50:26,123 - cartera.utils - WARNING - Error de conexion transitorio", "WARNING"],
      ["2022-07-26 15:50:26 | INFO     | conexion | errores=0", "INFO"],
      ["[ERROR] 2022-07-26 15:50:26 Cannot open zone", "ERROR"],
      ["ERROR:root:Division por cero", "ERROR"],
      ["[2022-07-26 15:50:26] CRITICAL Memory limit exceeded", "CRITICAL"],
      ["2022-07-26T15:50:26.123Z WARN [portfolio] retrying", "WARNING"],
      ["26/07/2022 15:50:26 INFO Error de redondeo", "INFO"],
      ["INFO 2022-07-26 15:50:26 arranque", "INFO"],
      ["2022-07-26 15:50:26 [error] algo", "ERROR"],
      ["E0721 11:05:42.123456 31337 impala-server.cc:1234] Query failed", "ERROR"],
      ["W0721 11:05:42.123456 31337 impala-server.cc:1234] slow", "WARNING"],
      ["ERROR: archivo no encontrado", "ERROR"],
      ["Traceback (most recent call last):", undefined],
      ['  File "x.py", line 3, in main', undefined],
      ["KeyError: 'zona'", undefined],
      ["2022-07-26 15:50:26 mensaje sin nivel", undefined],
      ["Error al conectar", undefined],
    ];
    for (const [line, level] of cases) assert.equal(logLevelOf(line), level, line);
  });
  it("only ERROR, CRITICAL, FATAL levels and tracebacks are errors; no level falls back to the word", () => {
    assert.deepEqual(classifyLogLine("2022-07-26 15:50:26,1 WARNING x: Error de conexion, reintentando"), {
      error: false,
      by: "level",
      level: "WARNING",
    });
    assert.deepEqual(classifyLogLine("2022-07-26 15:50:26,1 INFO x: Handled exception"), {
      error: false,
      by: "level",
      level: "INFO",
    });
    assert.deepEqual(classifyLogLine("2022-07-26 15:50:26,1 FATAL x: disco"), {
      error: true,
      by: "level",
      level: "FATAL",
    });
    assert.deepEqual(classifyLogLine("Traceback (most recent call last):"), { error: true, by: "traceback" });
    assert.deepEqual(classifyLogLine("se produjo un error"), { error: true, by: "word" });
    assert.deepEqual(classifyLogLine("Unhandled Exception in thread"), { error: true, by: "word" });
    assert.deepEqual(classifyLogLine("todo bien"), { error: false, by: "word" });
    assert.deepEqual(classifyLogLine("fallo", /fallo/i), { error: true, by: "word" });
  });
  it("tolerates an error followed by a retry success before the next error line", () => {
    const log = [
      "2022-07-26 15:50:01 ERROR x: intento 1/3 fallido",
      "2022-07-26 15:50:02 ERROR x: intento 2/3 fallido",
      "2022-07-26 15:50:03 INFO x: Reintento exitoso (intento 3)",
      "2022-07-26 15:51:00 ERROR x: Query failed, retrying",
      "2022-07-26 15:51:30 INFO x: Retry succeeded",
      "2022-07-26 15:52:00 ERROR x: otra cosa",
    ].join("\n");
    const c = classifyLog(log);
    assert.deepEqual(
      c.records.map((r) => [r.line, r.status]),
      [
        [1, "error"],
        [2, "tolerated retry"],
        [4, "tolerated retry"],
        [6, "error"],
      ],
    );
    assert.deepEqual([c.errors, c.toleratedRetries, c.toleratedIntermittences], [2, 2, 0]);
  });
  it("a traceback under an error line is that error; a lone traceback is reported with its cause", () => {
    const log = [
      "2022-07-26 15:50:01 ERROR x: fallo la carga",
      "Traceback (most recent call last):",
      '  File "a.py", line 1, in <module>',
      "    f()",
      "ValueError: malo",
      "2022-07-26 15:50:02 INFO x: sigue",
      "Traceback (most recent call last):",
      '  File "a.py", line 9, in g',
      "KeyError: 'zona'",
    ].join("\n");
    const c = classifyLog(log);
    assert.deepEqual(
      c.records.map((r) => [r.line, r.by, r.shown]),
      [
        [1, "level", "2022-07-26 15:50:01 ERROR x: fallo la carga … ValueError: malo"],
        [7, "traceback", "Traceback (most recent call last): … KeyError: 'zona'"],
      ],
    );
  });
  it("tolerates the Impala intermittences in English and Spanish, on the line or the traceback's cause", () => {
    for (const message of [
      "TTransportException: TSocket read 0 bytes",
      "[Errno 104] Connection reset by peer",
      "Session timeout",
      "Invalid session id: 4d4e",
      "[Errno 32] Broken pipe",
      "la sesión expiró",
      "Sesion caducada en Impala",
      "[Errno 104] Conexión reinicializada por la máquina remota",
      "[Errno 32] Tubería rota",
      "el socket está cerrado",
      "identificador de sesión no válido",
    ]) {
      const c = classifyLog(`2022-07-26 15:50:01 ERROR x: ${message}`);
      assert.deepEqual([c.errors, c.toleratedIntermittences], [0, 1], message);
    }
    const tb =
      'Traceback (most recent call last):\n  File "t.py", line 1\nthriftpy2.transport.TTransportException: TSocket read 0 bytes';
    assert.deepEqual(classifyLog(tb).toleratedIntermittences, 1);
    assert.equal(classifyLog("2022-07-26 15:50:01 ERROR x: Memory limit exceeded").errors, 1);
  });
  it("default patterns run in RE2 (linear time) and match their examples", () => {
    for (const p of [...DEFAULT_TOLERATED_INTERMITTENCES, ...DEFAULT_RETRY_SUCCESS_PATTERNS])
      assert.doesNotThrow(() => RE2JS.compile(p, RE2JS.CASE_INSENSITIVE), p);
    const retry = (s: string) => DEFAULT_RETRY_SUCCESS_PATTERNS.some((p) => new RegExp(p, "i").test(s));
    for (const s of [
      "Reintento exitoso para saldos",
      "reintento 2/3 exitoso",
      "reintento 2 de 3 correcto",
      "carga exitosa tras 2 reintentos",
      "Reconexion exitosa a impala",
      "Retry succeeded for saldos",
      "retry 2/3 successful",
      "succeeded after 2 retries",
      "reconnected successfully",
    ])
      assert.ok(retry(s), s);
    for (const s of ["reintento fallido", "retry failed", "reintentando (1/3)", "retrying"]) assert.ok(!retry(s), s);
  });
});
