// The fixes of core/fix, kind by kind (issue 19): the text each writes, the cases that must get no
// fix, and — where CPython 3.6 and a newer one are installed (pyenv) — that the fixed code prints on
// 3.6 what the original prints on the newer Python. Each fix is also checked alone (self-contained):
// the finding it belongs to is gone once it is applied.
import { strict as assert } from "assert";
import { applyFixes } from "../../../core/fix";
import { render } from "../../../core/i18n/catalogue";
import type { RawFinding } from "../../../core/findings/types";
import { pythonOf, runPython } from "../../helpers/pythons";
import { loadPythonParser, pythonFindings } from "../../helpers/pythonGate";

before(loadPythonParser);

function findings(code: string): RawFinding[] {
  return pythonFindings(code).filter((f) => f.rule === "PY003" || f.rule === "PY004");
}

/** The code with every fix applied (repeated while a pass leaves overlapping fixes). */
function fixed(code: string): string {
  let text = code;
  for (let pass = 0; pass < 3; pass++) {
    const r = applyFixes(
      text,
      findings(text).flatMap((f) => (f.fix ? [f.fix] : [])),
    );
    text = r.text;
    if (!r.skipped.length) break;
  }
  return text;
}

function noFixReason(code: string): string {
  const f = findings(code).find((x) => x.noFix !== undefined);
  assert.ok(f, `expected a finding without fix in ${code}: ${JSON.stringify(findings(code))}`);
  return render("en", "NoFix", f.noFix!);
}

/** The fixed code has no PY003/PY004 left at 3.5, and each fix alone removes its own finding. */
function clean(code: string): string {
  const out = fixed(code);
  assert.deepEqual(
    findings(out).map((f) => `${f.line}:${f.column} ${JSON.stringify(f.args)}`),
    [],
    `left after fixing:\n${out}`,
  );
  for (const f of findings(code)) {
    if (!f.fix) continue;
    const alone = applyFixes(code, [f.fix]).text;
    const same = (g: RawFinding) => JSON.stringify(g.args) === JSON.stringify(f.args);
    assert.ok(
      findings(alone).filter(same).length < findings(code).filter(same).length,
      `the fix of ${f.line}:${f.column} alone left its finding:\n${alone}`,
    );
  }
  return out;
}

const py36 = pythonOf("3.6");
const newest = ["3.13", "3.12"].map(pythonOf).find(Boolean);

/** The original prints on the newest Python what the fixed code prints on 3.6. */
function samePrints(code: string): void {
  const out = clean(code);
  if (!py36 || !newest) return; // said once below
  const before = runPython(newest, code);
  const after = runPython(py36, out);
  assert.equal(before.status, 0, before.stderr);
  assert.equal(after.stderr, "", `3.6 refused the fix:\n${out}`);
  assert.equal(after.stdout, before.stdout, `fixed:\n${out}`);
}

describe("core/fix: fixes for the Python 3.5 gate", () => {
  before(function () {
    if (!py36 || !newest) console.log("    (CPython 3.6 or 3.12+ not installed: outputs are not compared, only texts)");
  });

  describe("f-strings → str.format", () => {
    it("keeps conversions and format specs, nested {width} included", () => {
      const code = 'x = "é"\nw = 7\np = 2\nv = 3.14159\nprint(f"{x!r} {x!s} {x!a} [{v:>{w}.{p}f}] {v:{w}}")\n';
      assert.equal(
        clean(code).split("\n")[4],
        'print("{!r} {!s} {!a} [{:>{}.{}f}] {:{}}".format(x, x, x, v, w, p, v, w))',
      );
      samePrints(code);
    });
    it("writes the = form as its own text and repr (or format with a spec)", () => {
      const code = 'x = "a"\nn = 5\nprint(f"{x=} {x = } {n=:>4} {x=!s}")\n';
      assert.equal(clean(code).split("\n")[2], 'print("x={!r} x = {!r} n={:>4} x={!s}".format(x, x, n, x))');
      samePrints(code);
    });
    it("keeps doubled braces, and undoubles them when the string has no field", () => {
      const code = 'n = 1\nprint(f"{{n}} {n}", f"{{}}", f"plain")\n';
      assert.equal(clean(code).split("\n")[1], 'print("{{n}} {}".format(n), "{}", "plain")');
      samePrints(code);
    });
    it("moves nested quotes, backslashes and comments out of the string (3.12 forms)", () => {
      const code = 'd = {"k": [1, 2]}\nprint(f"{d["k"]} {"-".join(map(str, d["k"]))} {\'\\n\'.join(["a", "b"])}")\n';
      samePrints(code);
      assert.match(clean(code), /"\{\} \{\} \{\}"\.format\(d\["k"\], "-"\.join/);
    });
    it("converts multi-line and implicitly concatenated strings as one literal", () => {
      const code =
        'a = 1\nb = 2\nprint(f"a={a} "\n      "{not a field} "\n      f"b={b}")\nprint(f"""x\n{a}\n{b:03d}""")\n';
      const out = clean(code);
      assert.ok(out.includes('print("a={} "\n      "{{not a field}} "\n      "b={}".format(a, b))'), out);
      samePrints(code);
      // A named escape's braces are not the template's; a raw part's are.
      const escapes = 'a = 1\nprint(f"{a}" "\\N{BULLET} {x}" r"\\N{y}")\n';
      assert.equal(clean(escapes).split("\n")[1], 'print("{}" "\\N{BULLET} {{x}}" r"\\N{{y}}".format(a))');
      samePrints(escapes);
    });
    it("joins a field's lines when they leave the string, and keeps a lone literal from becoming a docstring", () => {
      const code =
        "def f():\n    if 1:\n        return f'''{3+\n4}'''\ndef g():\n    f'''not a docstring'''\nprint(f(), g.__doc__)\n";
      const out = clean(code).split("\n");
      assert.equal(out[2], "        return '''{}'''.format(3+ 4)");
      assert.equal(out[4], "    '''not a docstring'''.format()");
      samePrints(code);
    });
    it("keeps the r of rf and fr prefixes", () => {
      const code = 'n = 3\nprint(rf"\\d{n}", Fr"{n}\\n", fR"{{\\w}}{n}")\n';
      assert.equal(clean(code).split("\n")[1], 'print(r"\\d{}".format(n), r"{}\\n".format(n), R"{{\\w}}{}".format(n))');
      samePrints(code);
    });
    it("converts an f-string inside a field, and keeps each field evaluated once, in order", () => {
      const code = "it = iter(range(5))\nn = 4\nprint(f\"{next(it)}-{next(it)} {f'{n:02d}'}\")\n";
      assert.equal(clean(code).split("\n")[2], "print(\"{}-{} {}\".format(next(it), next(it), '{:02d}'.format(n)))");
      samePrints(code);
    });
    it("parenthesizes a tuple field and gives a lambda or := field no fix", () => {
      samePrints('a = 1\nprint(f"{a, 2}")\n');
      assert.match(noFixReason('print(f"{(lambda: 1)()}")\n'), /lambda/);
      assert.match(noFixReason('print(f"{(y := 2)}")\n'), /assignment expression/);
    });
    it("gives a raw string's = field holding its own quote no fix", () => {
      assert.match(noFixReason('d = {}\nprint(rf"{d["k"]=}")\n'), /raw string/);
    });
  });

  describe("variable annotations → type comments", () => {
    it("moves the annotation into a type comment, before an existing comment", () => {
      const code = "x: int = 1\nclass C:\n    y: str = 'a'  # nota\nprint(x, C.y)\n";
      assert.equal(clean(code), "x = 1  # type: int\nclass C:\n    y = 'a'  # type: str  # nota\nprint(x, C.y)\n");
      samePrints(code);
    });
    it("removes a bare local annotation, or writes pass when it is the block's only statement", () => {
      const code = "def f():\n    r: list\n    r = [1]\n    return r\ndef g():\n    s: int\nprint(f(), g())\n";
      assert.equal(clean(code), "def f():\n    r = [1]\n    return r\ndef g():\n    pass\nprint(f(), g())\n");
      samePrints(code);
    });
    it("gives a bare module or class annotation, and a dataclass or NamedTuple field, no fix", () => {
      assert.match(noFixReason("x: int\n"), /__annotations__/);
      assert.match(noFixReason("class C:\n    x: int\n"), /__annotations__/);
      assert.match(noFixReason("import typing\nclass P(typing.NamedTuple):\n    x: int = 0\n"), /NamedTuple/);
      assert.match(noFixReason("@dataclass\nclass P:\n    x: int = 0\n"), /dataclass/);
    });
    it("gives a statement sharing its line no fix", () => {
      assert.match(noFixReason("x: int = 1; y = 2\n"), /shares its line/);
    });
  });

  describe("trailing commas and numbers", () => {
    it("removes the comma after *args, **kwargs and a keyword-only parameter", () => {
      const code =
        "def f(*args,):\n    return args\ndef g(**kw,):\n    return kw\ndef h(*, a,):\n    return a\nprint(f(1), g(b=2), h(a=3))\n";
      assert.equal(clean(code).split("\n")[0], "def f(*args):");
      samePrints(code);
    });
    it("removes underscores from numbers", () => {
      samePrints("print(1_000_000, 0x_ff, 1_0.5_0)\n");
    });
  });

  describe("X | Y and list[int] in annotations → typing", () => {
    it("writes Optional, Union and List with one typing import after the docstring and __future__", () => {
      const code =
        '"""doc."""\nfrom __future__ import print_function\ndef f(a: int | None, b: list[int] | dict[str, int | str]) -> tuple[int, ...]:\n    return (1,)\nprint(f(1, []))\n';
      const out = clean(code);
      assert.equal(
        out.split("\n").slice(0, 4).join("\n"),
        '"""doc."""\nfrom __future__ import print_function\nfrom typing import Dict, List, Optional, Tuple, Union\ndef f(a: Optional[int], b: Union[List[int], Dict[str, Union[int, str]]]) -> Tuple[int, ...]:',
      );
      samePrints(code);
    });
    it("writes type[int] as Type[int] (3.9, though type has no __class_getitem__)", () => {
      const code = "def f(t: type[int], s: set[str]) -> int:\n    return 1\nprint(f(int, set()))\n";
      assert.equal(clean(code).split("\n")[1], "def f(t: Type[int], s: Set[str]) -> int:");
      samePrints(code);
    });
    it("uses the names the file already imports", () => {
      const code = "from typing import List\nimport typing as t\ndef f(a: list[int]) -> int | str:\n    return 1\n";
      assert.equal(clean(code).split("\n")[2], "def f(a: List[int]) -> t.Union[int, str]:");
    });
    it("gives no fix outside annotations or when the file binds the name to something else", () => {
      assert.match(noFixReason("x = 1\nprint(isinstance(x, int | str))\n"), /outside an annotation/);
      assert.match(noFixReason("Union = 3\ndef f(a: int | str):\n    pass\n"), /binds Union/);
    });
  });

  describe("dict | and |=", () => {
    it("merges plain dicts with {**a, **b}", () => {
      const code = 'a = {"x": 1}\nb = {"x": 2, "y": 3}\nprint(a | b | {"z": 4})\n';
      assert.equal(clean(code).split("\n")[2], 'print({**a, **b, **{"z": 4}})');
      samePrints(code);
    });
    it("updates in place", () => {
      const code = 'a = {"x": 1}\na |= {"y": 2}\nprint(a)\n';
      assert.equal(clean(code).split("\n")[1], 'a.update({"y": 2})');
      samePrints(code);
    });
  });

  describe("keyword arguments and methods with a 3.5 spelling", () => {
    it("writes capture_output and text as stdout/stderr PIPE and universal_newlines", () => {
      const code =
        'import subprocess\nr = subprocess.run(["echo", "hi"], capture_output=True, text=True)\nprint(repr(r.stdout), r.stderr)\n';
      assert.equal(
        clean(code).split("\n")[1],
        'r = subprocess.run(["echo", "hi"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)',
      );
      samePrints(code);
    });
    it("imports PIPE when the file imported only run, and drops capture_output=False", () => {
      const code =
        'from subprocess import run\nr = run(["true"], capture_output=False)\ns = run(["true"], capture_output=True)\n';
      assert.equal(
        clean(code),
        'from subprocess import run\nfrom subprocess import PIPE\nr = run(["true"])\ns = run(["true"], stdout=PIPE, stderr=PIPE)\n',
      );
    });
    it("gives a computed capture_output, or one beside stdout=, no fix", () => {
      assert.match(noFixReason('import subprocess\nsubprocess.run(["true"], capture_output=flag)\n'), /literal True/);
      assert.match(
        noFixReason('import subprocess\nsubprocess.run(["true"], stdout=None, capture_output=True)\n'),
        /stdout/,
      );
    });
    it("slices removeprefix/removesuffix behind startswith/endswith, an empty suffix included", () => {
      const code =
        's = "prefix_name.py"\np = ""\nprint(s.removeprefix("prefix_"), s.removesuffix(".py"), s.removesuffix(p), s.removeprefix("zz"))\n';
      const out = clean(code);
      assert.ok(out.includes('(s[:-len(".py")] if s.endswith(".py") else s)'), out);
      assert.ok(out.includes("(s[:-len(p)] if p and s.endswith(p) else s)"), out);
      samePrints(code);
    });
    it("gives a receiver with side effects no fix (it would run twice)", () => {
      assert.match(noFixReason('def g():\n    return "ab"\nprint(str(g()).removeprefix("a"))\n'), /side effects/);
    });
  });
});
