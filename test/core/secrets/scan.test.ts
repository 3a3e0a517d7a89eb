import { strict as assert } from "assert";
import type { Parser } from "web-tree-sitter";
import { analyzePython } from "../../../core/python/analyzer";
import { createPythonParser } from "../../../core/python/parser";
import { collectPythonValues } from "../../../core/secrets/python";
import { FIELD } from "../../../core/secrets/decode";
import { LiteralScan, scanAnalyzerLiterals, scanPythonTree, scanTextFile } from "../../../core/secrets/scan";

let parser: Parser;
before(async () => {
  parser = await createPythonParser();
});

function scanPython(text: string): LiteralScan {
  const tree = parser.parse(text)!;
  try {
    return scanPythonTree(tree, text);
  } finally {
    tree.delete();
  }
}
const lineOf = (text: string, offset: number) => text.slice(0, offset).split("\n").length;
const summary = (text: string, r: LiteralScan) => r.findings.map((f) => [f.rule, lineOf(text, f.offset), ...f.args]);

describe("core/secrets/python: string values with what they are bound to", () => {
  it("folds concatenation, + and formats with literal arguments; FIELD for the rest", () => {
    const text = [
      `a = "PWD=" "x1"`,
      `b = "PWD=" + clave`,
      `c = "PWD=%s;UID=%s" % ("x2", usuario)`,
      `d = "PWD={};UID={u}".format("x3", u="svc")`,
      `e = "{0.x}".format(obj)`,
      `f = f"PWD={clave}"`,
    ].join("\n");
    const tree = parser.parse(text)!;
    const values = collectPythonValues(tree, text);
    tree.delete();
    assert.deepEqual(
      values.map((v) => [v.name, v.how, v.value.value]),
      [
        ["a", "assignment", "PWD=x1"],
        ["b", "assignment", `PWD=${FIELD}`],
        ["c", "assignment", `PWD=x2;UID=${FIELD}`],
        ["d", "assignment", "PWD=x3;UID=svc"],
        ["e", "assignment", FIELD],
        ["f", "assignment", `PWD=${FIELD}`],
      ],
    );
  });
  it("names from assignments, attributes, subscripts, keywords, parameter defaults and dictionary keys", () => {
    const text = [
      `cfg.clave = "v1"`,
      `cfg["token"] = "v2"`,
      `conectar(pwd="v3")`,
      `def f(password="v4", *, secret: str = "v5"): pass`,
      `d = {"api_key": "v6", clave: "v7"}`,
      `"docstring de modulo"`,
    ].join("\n");
    const tree = parser.parse(text)!;
    const values = collectPythonValues(tree, text);
    tree.delete();
    assert.deepEqual(
      values.filter((v) => v.value.value.startsWith("v")).map((v) => [v.name, v.how, v.value.value]),
      [
        ["clave", "assignment", "v1"],
        ["token", "assignment", "v2"],
        ["pwd", "keyword argument", "v3"],
        ["password", "parameter default", "v4"],
        ["secret", "parameter default", "v5"],
        ["api_key", "dictionary value", "v6"],
        [undefined, "dictionary value", "v7"],
      ],
    );
    assert.ok(!values.some((v) => v.value.value === "docstring de modulo"));
  });
});

describe("core/secrets/scan: SEC001 and PTH001 on values", () => {
  it("a secret name with a secret value is a finding; with any other value it is not", () => {
    const text = [
      `CLAVE_PARTICION = "fecha"`,
      `token_type = 'unstructured'`,
      `password_prompt = "Ingrese la contraseña: "`,
      `PASSWORD_ENV_VAR = "LZ_IMPALA_PASSWORD"`,
      `clave_columna = "id_cliente"`,
      `clave = "fecha"`,
      `password = os.environ["LZ_IMPALA_PASSWORD"]`,
      `password = "Bancol2023*"`,
      `def conectar(pwd="Impala#Prd2022"): pass`,
    ].join("\n");
    assert.deepEqual(summary(text, scanPython(text)), [
      ["SEC001", 8, "credential", "password", "11"],
      ["SEC001", 9, "credential", "pwd", "14"],
    ]);
  });
  it("known formats whatever the name, each secret once, the secret only in `secrets`", () => {
    const text = [
      `cadena = "DSN=impala;UID=svc;PWD=" + "Odbc#Prd22"`,
      `h = {"Authorization": "Basic ${Buffer.from("u:B4sic#Cred22").toString("base64")}"}`,
      `u = "impala://etl:%s@h:21050" % "Pa55w0rd!x"`,
      `pwd = "DSN=impala;PWD=Odbc#Other22"`,
    ].join("\n");
    const r = scanPython(text);
    assert.deepEqual(
      summary(text, r).map((f) => f.slice(0, 3)),
      [
        ["SEC001", 1, "password in a connection string"],
        ["SEC001", 2, "credential in an Authorization header"],
        ["SEC001", 3, "password in a URL"],
        ["SEC001", 4, "password in a connection string"],
      ],
    );
    const basic = Buffer.from("u:B4sic#Cred22").toString("base64");
    assert.deepEqual([...r.secrets].sort(), [basic, "Odbc#Other22", "Odbc#Prd22", "Pa55w0rd!x"].sort());
    for (const f of r.findings) for (const s of r.secrets) assert.ok(!f.args.join(" ").includes(s));
  });
  it("paths on decoded values; accounts unless well known", () => {
    const text = [
      `print('%s:\\n' % x)`,
      `TMP = r'c:\\temp'`,
      `ftp.login(user="anonymous")`,
      `usuario = "dvaron"`,
      `COLUMNA_USUARIO = "usuario"`,
    ].join("\n");
    assert.deepEqual(summary(text, scanPython(text)), [
      ["PTH001", 2, "Windows path", "c:\\temp"],
      ["PTH001", 4, "user 'usuario'", "dvaron"],
    ]);
  });
  it("decoding alone on what the analyzer extracts today", () => {
    const text = `fmt = '%s:\\n'\nclave = "fecha"\npassword = "Bancol2023*"\n`;
    const analysis = analyzePython(parser, "x.py", text, { target: "3.5" });
    const r = scanAnalyzerLiterals(text, analysis.strings, analysis.namedLiterals);
    analysis.tree.delete();
    assert.deepEqual(summary(text, r), [["SEC001", 3, "credential", "password", "11"]]);
  });
});

describe("core/secrets/scan: configuration, SQL and shell files", () => {
  it("YAML keys, block scalars and URLs", () => {
    const text = [
      "impala:",
      "  clave_particion: fecha",
      "  password: 'Yaml#Clave22'",
      "  url: hive://etl:Hv#Yml2022@hive:10000/default",
      "  token_type: bearer",
    ].join("\n");
    assert.deepEqual(
      summary(text, scanTextFile("c.yaml", text)).map((f) => f.slice(0, 4)),
      [
        ["SEC001", 3, "credential", "password"],
        ["SEC001", 4, "password in a URL", "hive://etl:…@"],
      ],
    );
  });
  it("JSON values under their keys", () => {
    const text = `{\n  "clave_particion": "fecha",\n  "password": "Js0n#Clave!",\n  "dsn": "impala-virtual-prd"\n}`;
    assert.deepEqual(summary(text, scanTextFile("config.json", text)), [["SEC001", 3, "credential", "password", "11"]]);
  });
  it("INI and shell variables; SQL comparisons are no assignments", () => {
    const ini = "; conexión\n[impala]\npassword = Ini#Clave2022\nclave_particion = fecha\n";
    assert.deepEqual(summary(ini, scanTextFile("impala.ini", ini)), [["SEC001", 3, "credential", "password", "13"]]);
    const sh = `export IMPALA_PWD='Sh3ll#Pwd22'\nPASSWORD_VAR="LZ_IMPALA_PASSWORD"\nPWD=$(pwd)\n`;
    assert.deepEqual(summary(sh, scanTextFile("run.sh", sh)), [["SEC001", 1, "credential", "IMPALA_PWD", "11"]]);
    const sql = "SELECT * FROM t WHERE t.clave = 'Bancol2023*' AND tipo_clave = 'CC';\n";
    assert.deepEqual(summary(sql, scanTextFile("carga.sql", sql)), []);
  });
});
