import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { validateRoutine, ValidationResult } from "../../../core/validator/engine";
import { commentHtml } from "../../../core/findings/huComment";
import { jsonReport, markdownSummary } from "../../../core/findings/report";
import { PRD_CONFIG, makeRoutine, validateHere } from "../../helpers/routine";

const CLEAN_PY = "import os\n\n\ndef run():\n    return os.getcwd()\n";

async function validate(
  files: Record<string, string | Buffer>,
  inputs: Parameters<typeof validateRoutine>[1] = {},
): Promise<ValidationResult> {
  return validateHere(makeRoutine(files), inputs);
}
const codes = (r: ValidationResult) => r.findings.map((f) => f.rule);

describe("routine rules", () => {
  it("a clean routine passes", async () => {
    const r = await validate({ "main.py": CLEAN_PY, "static/config/config.json": PRD_CONFIG }, { zona: "proceso_x" });
    assert.deepEqual(r.findings, []);
    assert.equal(r.result, "Succeeded");
  });

  describe("config.json", () => {
    it("CFG001 when it is missing", async () => {
      const r = await validate({ "main.py": CLEAN_PY });
      assert.deepEqual(codes(r), ["CFG001"]);
    });
    it("CFG001 with the line and column of a JSON error", async () => {
      const r = await validate({ "static/config/config.json": '{\n  "dsn": "impala-virtual-prd",\n}\n' });
      const f = r.findings.find((x) => x.rule === "CFG001")!;
      assert.equal(f.file, "static/config/config.json");
      assert.equal(f.line, 3);
      assert.match(f.message, /not valid JSON/);
    });
    it("CFG002 points at the dsn value and names both values", async () => {
      const r = await validate({
        "static/config/config.json": '{\n  "zona": "proceso_x",\n  "dsn": "impala-virtual-dev"\n}',
      });
      const f = r.findings.find((x) => x.rule === "CFG002")!;
      assert.deepEqual([f.line, f.column], [3, 10]);
      assert.match(f.message, /'impala-virtual-dev'.*'impala-virtual-prd'/);
    });
    it("CFG002 follows expectedDsn", async () => {
      const r = await validate({ "static/config/config.json": PRD_CONFIG }, { expectedDsn: "impala-virtual-dev" });
      assert.deepEqual(codes(r), ["CFG002"]);
    });
    it("CFG003 names the key it used, from the configurable list", async () => {
      const r = await validate(
        { "static/config/config.json": '{"dsn": "impala-virtual-prd", "zona_resultados": "otra_zona"}' },
        { zona: "proceso_x" },
      );
      const f = r.findings.find((x) => x.rule === "CFG003")!;
      assert.match(f.message, /key 'zona_resultados' is 'otra_zona' but the release's zona is 'proceso_x'/);
    });
    it("CFG004 without a dsn, CFG005 without a zone key when a zona is given", async () => {
      const r = await validate({ "static/config/config.json": '{"ruta": "x"}' }, { zona: "proceso_x" });
      assert.deepEqual(codes(r).sort(), ["CFG004", "CFG005"]);
    });
    it("finds config.json anywhere in the package (a checkout has src/<package>/static)", async () => {
      const r = await validate({ "src/alm_x/static/config/config.json": PRD_CONFIG }, { zona: "proceso_x" });
      assert.deepEqual(codes(r), []);
    });
  });

  describe("version.txt", () => {
    it("VER001 when it differs; found beside venv/ up the parents", async () => {
      const base = fs.mkdtempSync(path.join(os.tmpdir(), "lz-env-"));
      const site = path.join(base, "proceso_x", "alm-x", "venv", "lib", "python3.5", "site-packages", "alm_x");
      fs.mkdirSync(path.join(site, "static", "config"), { recursive: true });
      fs.writeFileSync(path.join(site, "static", "config", "config.json"), PRD_CONFIG);
      fs.writeFileSync(path.join(base, "proceso_x", "alm-x", "version.txt"), "20220111.1\n");
      const ok = await validateHere(site, { artifactVersion: "20220111.1" });
      assert.deepEqual(codes(ok), []);
      const bad = await validateHere(site, { artifactVersion: "20220111.2" });
      const f = bad.findings.find((x) => x.rule === "VER001")!;
      assert.match(
        f.message,
        /The artifact does not have the updated routine version: version.txt says '20220111.1', the release artifact is '20220111.2'/,
      );
    });
    it("VER002 (a finding, not a crash) when there is none", async () => {
      const r = await validate(
        { "static/config/config.json": PRD_CONFIG, "venv/.keep": "" },
        { artifactVersion: "1.0" },
      );
      assert.deepEqual(codes(r), ["VER002"]);
    });
  });

  describe("MAN001 packaging", () => {
    const base = { "src/alm_x/__init__.py": "", "src/alm_x/static/config/config.json": PRD_CONFIG };
    it("fires when setup.py does not ship static/", async () => {
      const r = await validate({ ...base, "setup.py": "from setuptools import setup\nsetup(name='alm_x')\n" });
      assert.deepEqual(codes(r), ["MAN001"]);
    });
    it("passes with MANIFEST.in + include_package_data, or package_data", async () => {
      const a = await validate({
        ...base,
        "setup.py": "setup(name='x', include_package_data=True)\n",
        "MANIFEST.in": "recursive-include src/alm_x/static *\n",
      });
      assert.deepEqual(codes(a), []);
      const b = await validate({
        ...base,
        "setup.py": "setup(name='x', package_data={'alm_x': ['static/config/*.json']})\n",
      });
      assert.deepEqual(codes(b), []);
    });
    it("does not run on an installed site-package (no packaging files)", async () => {
      const r = await validate({ "static/config/config.json": PRD_CONFIG });
      assert.deepEqual(codes(r), []);
    });
  });

  describe("paths and credentials", () => {
    it("PTH001 in Python literals, but not in docstrings or comments", async () => {
      const r = await validate({
        "static/config/config.json": PRD_CONFIG,
        "m.py":
          '"""Lee /home/jperez/ejemplo"""\n# /home/otro\nA = "/home/jperez/x.csv"\nB = "hdfs://nn/user/jperez/datos"\nC = "C:\\\\Users\\\\jp\\\\x"\nD = "/opt/cloudera/bin"\n',
      });
      const kinds = r.findings
        .filter((f) => f.rule === "PTH001")
        .map((f) => [f.line, f.message.match(/Hard-coded ([^']+) '/)?.[1]]);
      assert.deepEqual(kinds, [
        [3, "home folder"],
        [4, "HDFS user folder"],
        [5, "Windows path"],
        [6, "server path"],
      ]);
    });
    it("SEC001 for credentials in code and configuration, never printing them whole", async () => {
      const r = await validate({
        "static/config/config.json": '{"dsn": "impala-virtual-prd", "password": "Sup3rSecreta2024"}',
        "m.py":
          'password = "Sup3rSecreta2024"\nconn = connect(dsn, pwd="Otr4#Clave9")\nurl = "postgres://svc:clave99@host/db"\ncs = "Driver=x;UID=u;PWD=Zx81pQr7;"\ntoken = os.environ["TOKEN"]\n',
      });
      const sec = r.findings.filter((f) => f.rule === "SEC001");
      assert.deepEqual(
        sec.map((f) => `${f.file}:${f.line}`),
        ["m.py:1", "m.py:2", "m.py:3", "m.py:4", "static/config/config.json:1"],
      );
      for (const f of sec)
        assert.ok(
          !["Sup3rSecreta2024", "Otr4#Clave9", "clave99", "Zx81pQr7"].some((secret) => f.message.includes(secret)),
          f.message,
        );
    });
    it("a secret-suggesting name with a value that does not look like a secret is no finding (issue #20)", async () => {
      const r = await validate({
        "static/config/config.json": PRD_CONFIG,
        "m.py": [
          'CLAVE_PARTICION = "fecha_proceso"',
          'PWD_ENV = "IMPALA_PWD"',
          'prompt_clave = "Ingrese la clave del usuario: "',
          'token_type = "unstructured"',
          'pwd = "abc123"  # a placeholder everyone writes, not a secret',
          "",
        ].join("\n"),
      });
      assert.deepEqual(codes(r), []);
    });
    it("the LZ team's allow-list lets names and paths through, never a credential of a known format", async () => {
      const files = {
        "static/config/config.json": PRD_CONFIG,
        "m.py": [
          'salida = "/avirtual/compartido/salidas/x.csv"',
          'clave_api = "Zq81#pLm2vX!"',
          'url = "impala://svc:Zq81#pLm2vX!@host:21050/db"',
          'otra = "/home/jperez/x"',
          "",
        ].join("\n"),
      };
      const before = await validate(files);
      assert.deepEqual(codes(before), ["PTH001", "SEC001", "SEC001", "PTH001"]);
      const allowed = await validate(files, {
        allowedNamesAndPaths: "# the shared folder of the zone\n/avirtual/compartido/.*\nclave_api\nimpala.*",
      });
      assert.deepEqual(
        allowed.findings.map((f) => `${f.rule}:${f.line}`),
        ["SEC001:3", "PTH001:4"],
        "the URL's password is a known format: no pattern lets it through; /home/jperez is not matched",
      );
      for (const f of allowed.findings) assert.ok(!f.message.includes("Zq81#pLm2vX!"), f.message);
    });
    it("the allow-list may also come from the configuration file the LZ team names (configFile)", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-allow-"));
      const configFile = path.join(dir, "lz.json");
      fs.writeFileSync(configFile, JSON.stringify({ allowedNamesAndPaths: ["/avirtual/compartido/.*"] }));
      const files = { "static/config/config.json": PRD_CONFIG, "m.py": 'salida = "/avirtual/compartido/x.csv"\n' };
      assert.deepEqual(codes(await validate(files)), ["PTH001"]);
      assert.deepEqual(codes(await validate(files, { configFile })), []);
      fs.writeFileSync(configFile, JSON.stringify({ allowedNamesAndPaths: ["(sin cerrar"] }));
      const bad = await validate(files, { configFile });
      assert.deepEqual(
        codes(bad).sort(),
        ["LZV001", "PTH001"],
        "a pattern that is not a regular expression is said, not applied",
      );
      assert.match(bad.findings.find((f) => f.rule === "LZV001")!.message, /allowedNamesAndPaths '\(sin cerrar'/);
    });
    it("LZV005: the routine's own .lzvalidator.json cannot set an allow-list or tolerated log patterns", async () => {
      const r = await validate({
        "static/config/config.json": PRD_CONFIG,
        ".lzvalidator.json": JSON.stringify({
          allowedNamesAndPaths: ["otra", "salida_.*"],
          logs: { toleratedPatterns: ["AnalysisException"], retryPatterns: ["listo"] },
        }),
        "m.py": 'otra = "/home/jperez/x"\n',
      });
      assert.deepEqual(r.findings.map((f) => `${f.rule} ${f.severity}`).sort(), [
        "LZV005 error",
        "LZV005 error",
        "LZV005 error",
        "PTH001 error",
      ]);
      const lzv = r.findings.filter((f) => f.rule === "LZV005");
      assert.match(lzv[0].message, /allowedNamesAndPaths.*refused.*task input allowedNamesAndPaths/);
      assert.match(lzv[1].message, /logs\.toleratedPatterns.*logToleratedPatterns/);
      assert.equal(r.result, "Failed");
    });
    it("ignores placeholders and environment lookups", async () => {
      const r = await validate({
        "static/config/config.json": '{"dsn": "impala-virtual-prd", "password": "${IMPALA_PWD}"}',
        "app.properties": "password=\ntoken=${TOKEN}\n",
        "m.py": 'password = ""\nclave = "<su clave>"\n',
      });
      assert.deepEqual(codes(r), []);
    });
    it("keeps server folders in config files, flags personal ones", async () => {
      const r = await validate({
        "static/config/config.json":
          '{"dsn": "impala-virtual-prd", "salida": "/avirtual/zona/out", "tmp": "/home/jperez/tmp"}',
      });
      assert.deepEqual(
        r.findings.map((f) => f.message.match(/Hard-coded ([^']+) '/)?.[1]),
        ["home folder"],
      );
    });
  });

  describe("walking the routine", () => {
    it("never follows a link out of the root, skips binaries and big files, reads Latin-1", async () => {
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), "lz-outside-"));
      fs.writeFileSync(path.join(outside, "secret.py"), 'password = "fuera123"\n');
      const root = makeRoutine({
        "static/config/config.json": PRD_CONFIG,
        "data.json": Buffer.from([0x7b, 0x00, 0x01, 0x02]),
        "big.sql": "select 1;\n".repeat(300_000),
        "latin.py": Buffer.from("# -*- coding: latin-1 -*-\n# comentario en latin-1: \xf1\nx = 1\n", "latin1"),
        "inside.py": "x = 1\n",
      });
      fs.symlinkSync(path.join(outside, "secret.py"), path.join(root, "link_out.py"));
      fs.symlinkSync(path.join(root, "inside.py"), path.join(root, "link_in.py"));
      fs.symlinkSync(root, path.join(root, "loop"));
      const r = await validateHere(root, { ruleSeverities: "FS003=info" });
      const got = r.findings.map((f) => `${f.rule} ${f.file}`).sort();
      assert.deepEqual(got, ["FS001 link_out.py", "FS002 data.json", "FS003 big.sql", "FS004 latin.py"]);
      assert.equal(r.result, "SucceededWithIssues", "FS004 is a warning; infos never change the result");
    });
  });

  describe("settings and suppressions", () => {
    const BAD = { "static/config/config.json": PRD_CONFIG, "m.py": 'x = f"{a}"\nimport secrets\n' };
    it("`# lz: ignore[CODE] why` turns that finding into info, only for that code and line", async () => {
      const r = await validate({
        ...BAD,
        "m.py":
          'a = "/home/ana/datos"  # lz: ignore[PTH001] ruta de ejemplo del README\nb = "/home/luis/x"  # lz: ignore[SQL001]\n',
      });
      assert.deepEqual(
        r.findings.map((f) => [f.rule, f.line, f.severity, !!f.suppressed]),
        [
          ["PTH001", 1, "info", true],
          ["PTH001", 2, "error", false],
        ],
      );
      assert.deepEqual(r.routineSettings, [
        { file: "m.py", line: 1, setting: "# lz: ignore[PTH001]", reason: "ruta de ejemplo del README", applied: true },
      ]);
    });
    it("the routine's .lzvalidator.json changes severities and turns rules off, with a reason", async () => {
      const OPEN = { "static/config/config.json": PRD_CONFIG, "m.py": 'a = "/home/ana/datos"\nb = "/opt/app/x"\n' };
      const r = await validate({
        ...OPEN,
        ".lzvalidator.json": JSON.stringify({
          rules: { PTH001: { severity: "warning", reason: "rutas del servidor de pruebas" } },
        }),
      });
      assert.deepEqual(
        r.findings.map((f) => [f.rule, f.severity]),
        [
          ["PTH001", "warning"],
          ["PTH001", "warning"],
        ],
      );
      assert.equal(r.result, "SucceededWithIssues");
      assert.deepEqual(r.routineSettings, [
        {
          file: ".lzvalidator.json",
          line: 1,
          setting: "rules.PTH001 = warning",
          reason: "rutas del servidor de pruebas",
          applied: true,
        },
      ]);
    });
    it("the ruleSeverities input wins over the file; failOn=warning fails on warnings", async () => {
      const r = await validate(
        { ...BAD, ".lzvalidator.json": '{"rules": {"PTH001": {"severity": "off", "reason": "x"}}}' },
        { ruleSeverities: "PY003=warning\nPY004=off", failOn: "warning" },
      );
      assert.deepEqual(
        r.findings.map((f) => [f.rule, f.severity]),
        [["PY003", "warning"]],
      );
      assert.equal(r.result, "Failed");
    });
    it("failOn=never reports without failing", async () => {
      const r = await validate(BAD, { failOn: "never" });
      assert.equal(r.result, "SucceededWithIssues");
      assert.equal(r.summary.errors, 2);
    });
    describe("the gate belongs to the LZ team, not to the routine", () => {
      // Credentials, Python 2, a dev dsn: every way the routine could try to pass anyway.
      const GUILTY = {
        "static/config/config.json": '{"dsn": "impala-virtual-dev", "zona": "proceso_x"}',
        "m.py":
          'password = "Sup3rSecreta2024"  # lz: ignore[SEC001] es de pruebas\nprint "hola"  # lz: ignore[PY002]\n',
      };
      const SILENCE_ALL = JSON.stringify({
        rules: { SEC001: "off", PY002: "off", CFG002: { severity: "info", reason: "dev" }, PY003: "off" },
        exclude: ["**"],
        pythonVersion: "3.13",
        expectedDsn: "impala-virtual-dev",
        failOn: "never",
        maxFileSizeKb: 1,
        logs: { minFiles: 0 },
      });

      it("cannot silence the rules that protect production, nor change what is checked", async () => {
        const r = await validate({ ...GUILTY, ".lzvalidator.json": SILENCE_ALL });
        assert.equal(r.result, "Failed");
        const errors = r.findings.filter((f) => f.severity === "error").map((f) => `${f.rule} ${f.file}:${f.line}`);
        assert.deepEqual(errors.sort(), ["CFG002 static/config/config.json:1", "PY002 m.py:2", "SEC001 m.py:1"]);
        const refused = r.routineSettings.filter((x) => !x.applied).map((x) => x.setting);
        assert.deepEqual(refused.sort(), [
          "# lz: ignore[PY002]",
          "# lz: ignore[SEC001]",
          'expectedDsn = "impala-virtual-dev"',
          'failOn = "never"',
          'logs = {"minFiles":0}',
          "maxFileSizeKb = 1",
          'pythonVersion = "3.13"',
          "rules.CFG002 = info",
          "rules.PY002 = off",
          "rules.PY003 = off",
          "rules.SEC001 = off",
        ]);
        const lzv002 = r.findings.filter((f) => f.rule === "LZV002");
        assert.equal(lzv002.length, refused.length);
        assert.ok(lzv002.every((f) => f.severity === "warning"));
        // The exclude applies to the other rules only (and lacks a reason).
        assert.ok(r.routineSettings.some((x) => x.setting === "exclude **" && x.applied));
        assert.ok(r.findings.some((f) => f.rule === "LZV003" && /exclude \*\*/.test(f.message)));
      });

      it("a rule the task input protectedRules names is protected too", async () => {
        const files = { "static/config/config.json": PRD_CONFIG, "m.py": 'a = "/home/ana/x"\n' };
        const config = { ".lzvalidator.json": '{"rules": {"PTH001": {"severity": "off", "reason": "no aplica"}}}' };
        assert.deepEqual(codes(await validate({ ...files, ...config })), []);
        const r = await validate({ ...files, ...config }, { protectedRules: "PTH001" });
        assert.deepEqual(codes(r).sort(), ["LZV002", "PTH001"]);
      });

      it("the LZ team's own configFile and ruleSeverities are trusted as a whole", async () => {
        const lz = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-cfg-")), "lz.json");
        fs.writeFileSync(lz, '{"rules": {"SEC001": "off", "CFG002": "warning"}, "pythonVersion": "3.13"}');
        const r = await validate(GUILTY, { configFile: lz, ruleSeverities: "PY002=info" });
        // SEC001 off, CFG002 a warning, PY002 info: as the LZ team said. The routine's own ignore comments
        // (on protected rules) are still refused.
        assert.deepEqual(r.findings.map((f) => `${f.rule} ${f.severity}`).sort(), [
          "CFG002 warning",
          "LZV002 warning",
          "LZV002 warning",
          "PY002 info",
        ]);
        assert.ok(r.routineSettings.every((x) => x.setting.startsWith("# lz: ignore")));
      });

      it("guarded code is info with its guard quoted, unless the LZ team's pythonGuards is strict", async () => {
        const GUARDED = {
          "static/config/config.json": PRD_CONFIG,
          "m.py": "try:\n    import tomllib\nexcept ImportError:\n    tomllib = None\n",
        };
        const [info] = (await validate(GUARDED)).findings;
        assert.deepEqual([info.rule, info.severity, info.minVersion], ["PY004", "info", "3.11"]);
        assert.match(info.message, /The code guards it \(except ImportError\): reported as info/);
        const lz = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-cfg-")), "lz.json");
        fs.writeFileSync(lz, '{"pythonGuards": "strict"}');
        const strict = await validate(GUARDED, { configFile: lz, lang: "es" });
        assert.deepEqual(
          strict.findings.map((f) => [f.rule, f.severity]),
          [["PY004", "error"]],
        );
        assert.match(strict.findings[0].message, /El código lo protege \(except ImportError\), pero esta compuerta/);
        // The routine's own file cannot set it: the gate is the LZ team's.
        const own = await validate({ ...GUARDED, ".lzvalidator.json": '{"pythonGuards": "strict"}' });
        assert.deepEqual(own.findings.map((f) => `${f.rule} ${f.severity}`).sort(), ["LZV002 warning", "PY004 info"]);
      });

      it("lists what the routine set in the JSON report, the summary and the HU comment", async () => {
        const r = await validate({ ...GUILTY, ".lzvalidator.json": SILENCE_ALL });
        const json = jsonReport(r, "/r", "1.0.0");
        assert.equal(json.routineSettings.length, r.routineSettings.length);
        const md = markdownSummary(r, "/r");
        assert.match(md, /#### Set by the routine itself/);
        assert.match(md, /\| m\.py:1 \| # lz: ignore\[SEC001\] \| es de pruebas \| refused: only the LZ team may \|/);
        const html = commentHtml({ ...r, options: { ...r.options, lang: "es" } }, "/r", "m");
        assert.match(html, /Definido por la propia rutina/);
        assert.match(html, /rules\.SEC001 = off<\/td><td>\(sin motivo\)<\/td><td>rechazado: solo el equipo LZ puede/);
      });
    });
    it("a broken configuration is an LZV001 finding naming the problem", async () => {
      const r = await validate({
        ...BAD,
        ".lzvalidator.json": '{"rules": {"PY999": "off", "PY003": "loud"}, "colour": 1}',
      });
      const msgs = r.findings.filter((f) => f.rule === "LZV001").map((f) => f.message);
      assert.ok(
        msgs.some((m) => /must NOT have additional properties 'colour'/.test(m)),
        msgs.join("\n"),
      );
      assert.ok(
        msgs.some((m) => /\/rules\/PY003: must be equal to one of the allowed values/.test(m)),
        msgs.join("\n"),
      );
    });
    it("an unknown rule code in the input is reported", async () => {
      const r = await validate(BAD, { ruleSeverities: "NOPE1=off" });
      assert.ok(r.findings.some((f) => f.rule === "LZV001" && /NOPE1/.test(f.message)));
    });
    it("writes messages in Spanish", async () => {
      const r = await validate(BAD, { lang: "es" });
      assert.match(
        r.findings[0].message,
        /Un f-string requiere Python 3.6; la rutina se ejecuta en Python 3.5. Corrección:/,
      );
    });
  });
});
