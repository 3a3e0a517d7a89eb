import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import "../../../core/validator/analyzers";
import { checkSql } from "../../../core/sql/analyzer";
import { checkStatement } from "../../../core/sql/checks";
import { sqlFromSqlFile } from "../../../core/sql/extract";
import { splitStatements } from "../../../core/sql/text";
import { PRD_CONFIG, makeRoutine, validateHere } from "../../helpers/routine";
import { repoRoot } from "../../helpers/taskRun";
import { argInEnglish } from "../../helpers/i18n";

const fixture = (name: string) => fs.readFileSync(path.join(repoRoot, "test", "fixtures", "sql", name), "utf8");
const statementsOf = (text: string) =>
  splitStatements(text)
    .map((s) => text.slice(s.start, s.end))
    .filter((s) => s.replace(/--[^\n]*/g, "").trim());
const noPlaceholders = { isPlaceholder: () => false };

describe("Impala SQL", function () {
  this.timeout(120000);

  describe("the corpus", () => {
    const valid = [...statementsOf(fixture("valid-statements.sql")), ...statementsOf(fixture("valid-functions.sql"))];
    it(`has at least 300 valid statements (${valid.length})`, () => assert.ok(valid.length >= 300));
    it("gives no SQL001 on any valid statement", () => {
      const masked = sqlFromSqlFile(valid.join(";\n") + ";");
      const falsePositives = checkSql("corpus.sql", masked.text, masked, undefined).filter((f) => f.rule === "SQL001");
      const lines = masked.text.split("\n");
      assert.deepEqual(
        falsePositives.map((f) => `${f.line}: ${lines[f.line - 1]} — ${f.args[0]}`),
        [],
      );
    });
    const broken = statementsOf(fixture("broken-statements.sql"));
    it(`flags every broken statement (${broken.length})`, () => {
      const missed = broken.filter((s) => !checkStatement(s, noPlaceholders).some((f) => f.rule === "SQL001"));
      assert.deepEqual(missed, []);
    });
  });

  describe("rules", () => {
    const rules = (sql: string, zona?: string) =>
      checkStatement(sql, { zona, isPlaceholder: () => false }).map((f) => `${f.rule} ${f.args.join("|")}`);
    it("SQL002 on writes outside the zone, every kind of write", () => {
      const writes = [
        "INSERT INTO resultados.pagos SELECT a FROM proceso_x.t",
        "INSERT OVERWRITE TABLE resultados.pagos SELECT a FROM proceso_x.t",
        "UPSERT INTO resultados.k VALUES (1)",
        "CREATE TABLE IF NOT EXISTS resultados.t (a INT)",
        "DROP TABLE IF EXISTS resultados.t",
        "ALTER TABLE resultados.t ADD COLUMNS (b INT)",
        "TRUNCATE TABLE resultados.t",
        "LOAD DATA INPATH '/x' INTO TABLE resultados.t",
        "COMPUTE INCREMENTAL STATS resultados.t",
        "INVALIDATE METADATA resultados.t",
        "REFRESH resultados.t",
        "WITH c AS (SELECT a FROM proceso_x.t) INSERT INTO resultados.pagos SELECT a FROM c",
      ];
      for (const w of writes)
        assert.ok(
          rules(w, "proceso_x").some((r) => /^SQL002 .*\|resultados\|proceso_x$/.test(r)),
          w,
        );
      assert.deepEqual(rules("INSERT INTO proceso_x.pagos SELECT a FROM resultados.t", "proceso_x"), []);
      assert.deepEqual(
        rules("INSERT INTO PROCESO_X.pagos SELECT a FROM resultados.t", "proceso_x"),
        [],
        "database names compare without case",
      );
      assert.deepEqual(rules("SELECT a FROM resultados.t", "proceso_x"), [], "reads are fine");
    });
    it("SQL007 (info), not SQL002, when the database is a template", () => {
      const f = checkStatement("INSERT INTO lzdb__.pagos SELECT a FROM proceso_x.t", {
        zona: "proceso_x",
        isPlaceholder: (a, b) => a < 16 && b > 12,
      });
      assert.deepEqual(
        f.map((x) => x.rule),
        ["SQL007"],
      );
    });
    it("SQL003 SELECT * only where the result is stored", () => {
      assert.ok(rules("INSERT INTO proceso_x.t SELECT * FROM proceso_x.s").includes("SQL003 INSERT"));
      assert.ok(
        rules("CREATE TABLE IF NOT EXISTS proceso_x.t AS SELECT s.* FROM proceso_x.s").includes("SQL003 CREATE TABLE"),
      );
      assert.deepEqual(rules("SELECT * FROM proceso_x.s"), []);
    });
    it("SQL004 for tables without database, not for CTE names", () => {
      assert.deepEqual(rules("WITH c AS (SELECT a FROM proceso_x.t) SELECT a FROM c JOIN pagos p ON c.a = p.a"), [
        "SQL004 pagos",
      ]);
    });
    it("SQL005 for DDL that fails on a rerun", () => {
      assert.deepEqual(rules("DROP TABLE proceso_x.t"), ["SQL005 DROP TABLE|IF EXISTS"]);
      assert.deepEqual(rules("CREATE TABLE proceso_x.t (a INT)"), ["SQL005 CREATE TABLE|IF NOT EXISTS"]);
      assert.deepEqual(rules("CREATE VIEW proceso_x.v AS SELECT a FROM proceso_x.t"), [
        "SQL005 CREATE VIEW … AS SELECT|IF NOT EXISTS",
      ]);
    });
    it("SQL006 for hard-coded dates and environment database names, not in comments", () => {
      assert.deepEqual(rules("SELECT a FROM proceso_x.t WHERE f >= '2021-03-01' -- desde '2020-01-01'"), [
        "SQL006 date|2021-03-01",
      ]);
      assert.deepEqual(rules("SELECT a FROM proceso_dev.t WHERE f = '20210301'"), [
        "SQL006 environment-specific database|proceso_dev",
        "SQL006 date|20210301",
      ]);
    });
    it("SQL001 for PostgreSQL's :: cast, which the grammar lets through and Impala refuses, with Impala's form", () => {
      const text = "SELECT cliente, monto::INT, fecha :: DECIMAL(10, 2) FROM proceso_x.pagos";
      const found = checkStatement(text, noPlaceholders);
      assert.deepEqual(
        found.map((f) => [f.rule, f.offset, argInEnglish(f.args[0])]),
        [
          ["SQL001", text.indexOf("monto"), "monto::INT is PostgreSQL's cast; Impala writes CAST(monto AS INT)"],
          [
            "SQL001",
            text.indexOf("fecha"),
            "fecha::DECIMAL(10, 2) is PostgreSQL's cast; Impala writes CAST(fecha AS DECIMAL(10, 2))",
          ],
        ],
      );
      assert.deepEqual(
        checkStatement("SELECT CAST(monto AS INT), '10::20' FROM proceso_x.pagos -- a::b", noPlaceholders),
        [],
      );
    });
    it("SQL001 reports the parser's message at the error", () => {
      const [f] = checkStatement("SELECT cliente,\n  FROM proceso_x.pagos", noPlaceholders);
      assert.equal(f.rule, "SQL001");
      assert.match(String(f.args[0]), /'FROM' is not valid at this position/);
      assert.equal(f.offset, "SELECT cliente,\n  ".length);
    });
  });

  describe("in the routine", () => {
    it("finds SQL in .sql files with impala-shell variables, at the right line", async () => {
      const routine = makeRoutine({
        "static/config/config.json": PRD_CONFIG,
        "static/sql/carga.sql":
          "-- carga\nSET MEM_LIMIT=2g;\nINSERT OVERWRITE TABLE ${var:zona}.pagos SELECT a FROM resultados.t;\n\nINSERT INTO resultados.pagos\nSELECT a FROM ${var:zona}.t;\nSELEC 1;\n",
      });
      const r = await validateHere(routine, { zona: "proceso_x" });
      assert.deepEqual(
        r.findings.map((f) => `${f.rule} ${f.file}:${f.line}:${f.column}`),
        ["SQL007 static/sql/carga.sql:3:24", "SQL002 static/sql/carga.sql:5:13", "SQL001 static/sql/carga.sql:7:1"],
      );
    });

    it("finds SQL in Python calls: literals, triple quotes, concatenation, templates, constants", async () => {
      const py = [
        "import pandas as pd",
        "ZONA = 'proceso_x'",
        'QUERY = """',
        "INSERT INTO resultados.pagos",
        "SELECT a FROM proceso_x.t",
        '"""',
        "def run(cursor, spark, conn, zona):",
        "    cursor.execute(QUERY)",
        "    cursor.execute('SELECT a FROM ' + 'proceso_x.t WHERE b = %s', (1,))",
        "    spark.sql('INSERT INTO {}.pagos SELECT a FROM proceso_x.t'.format(zona))",
        "    pd.read_sql(\"SELECT a FROM proceso_x.t WHERE f > '%s'\" % fecha, conn)",
        "    cursor.execute(f'DROP TABLE {zona}.tmp')",
        "    cursor.execute('SELEC a FROM proceso_x.t')",
        '    cursor.execute("SELECT a\\nFROM proceso_x.t\\nWHERE")',
        "    print('INSERT INTO resultados.x VALUES (1)')",
        "",
      ].join("\n");
      const routine = makeRoutine({ "static/config/config.json": PRD_CONFIG, "m.py": py });
      const r = await validateHere(routine, { zona: "proceso_x" });
      assert.deepEqual(
        r.findings.map((f) => `${f.rule} ${f.line}`),
        ["SQL002 4", "SQL007 10", "PY003 12", "SQL005 12", "SQL007 12", "SQL001 13", "SQL001 14"],
      );
    });

    it("uses the zone of config.json when no zona is given, and sqlCallNames from the configuration", async () => {
      const routine = makeRoutine({
        "static/config/config.json": JSON.stringify({ dsn: "impala-virtual-prd", zona: "proceso_x" }),
        ".lzvalidator.json": JSON.stringify({ sqlCallNames: ["correr"] }),
        "m.py": "def f(db):\n    db.correr('INSERT INTO resultados.t VALUES (1)')\n",
      });
      const r = await validateHere(routine, {});
      assert.deepEqual(
        r.findings.map((f) => `${f.rule} ${f.line}`),
        ["SQL002 2"],
      );
    });
  });
  describe("loading", () => {
    // A validator worker that is sent no SQL never needs the grammar: it is built on the first statement,
    // not when the bundle loads. Seen in the heap: the lexer's and parser's ATN are megabytes of objects.
    it("builds the grammar on the first statement, not when the module loads", () => {
      const impala = path.join(repoRoot, "build", "ts", "core", "sql", "impala.js");
      const script = [
        "const heap = () => (gc(), process.memoryUsage().heapUsed);",
        `const m = require(${JSON.stringify(impala)});`,
        "const loaded = heap();",
        "m.validateStatement('SELECT 1');",
        "console.log(JSON.stringify({ first: heap() - loaded }));",
      ].join("\n");
      const grown = JSON.parse(execFileSync(process.execPath, ["--expose-gc", "-e", script], { encoding: "utf8" }));
      // Measured (bytes): 5.2 MB at the first statement (the ATN) when deferred; 1.0 MB when built at load.
      assert.ok(grown.first > 3e6, `the heap grew ${(grown.first / 1e6).toFixed(1)} MB at the first statement`);
    });
  });
});
