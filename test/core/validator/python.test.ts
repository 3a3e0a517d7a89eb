import { strict as assert } from "assert";
import { analyzePython } from "../../../core/python/analyzer";
import { calleeBefore } from "../../../core/python/names";
import { argInEnglish } from "../../helpers/i18n";
import { renderArg } from "../../../core/i18n/catalogue";
import type { Parser } from "../../../core/python/parser";
import { loadPythonParser, pythonFindings } from "../../helpers/pythonGate";

let parser: Parser;
before(async () => {
  parser = await loadPythonParser();
});

const check = (code: string, target = "3.5") => pythonFindings(code, { target });
const rules = (code: string, target = "3.5") => check(code, target).map((f) => f.rule);
const one = (code: string, rule: string) => {
  const found = check(code).filter((f) => f.rule === rule);
  assert.equal(found.length, 1, `${rule} expected once in ${JSON.stringify(code)}, got ${JSON.stringify(check(code))}`);
  return found[0];
};

describe("Python rules", () => {
  describe("PY001 syntax errors", () => {
    it("reports the line and column of the error", () => {
      const f = one("x = 1\ndef f(:\n    pass\n", "PY001");
      assert.equal(f.line, 2);
      assert.ok(f.column >= 1);
    });
    it("reports a missing token", () => {
      assert.ok(rules("print((1)\n").includes("PY001"));
    });
    it("accepts async and await used as names, legal until Python 3.7", () => {
      assert.deepEqual(rules("def f(async=True):\n    return async\nawait = 3\nx.async.y = 1\n"), []);
    });
    it("still reports them for a target where they are keywords", () => {
      assert.ok(rules("def f(async=True):\n    pass\n", "3.8").includes("PY001"));
    });
  });

  describe("PY002 Python 2 syntax", () => {
    const cases: Array<[string, string]> = [
      ['print "total"\n', "print statement"],
      ["print >>sys.stderr, 'x'\n", "print statement"],
      ['exec "x = 1"\n', "exec statement"],
      ["try:\n    pass\nexcept ValueError, e:\n    pass\n", "except E, e"],
      ["x = `y`\n", "backticks"],
      ["if a <> b:\n    pass\n", "<>"],
      ["n = 0777\n", "octal 0777"],
      ["n = 10L\n", "long integer 10L"],
      ["s = ur'x'\n", "ur prefix"],
      ["raise ValueError, 'mensaje'\n", "raise E, message"],
    ];
    for (const [code, what] of cases) {
      it(`finds ${what}`, () => {
        const f = one(code, "PY002");
        assert.ok(
          argInEnglish(f.args[0]).includes(what.split(" ")[0]),
          `${argInEnglish(f.args[0])} should mention ${what}`,
        );
      });
    }
  });

  describe("PY003 syntax newer than the target", () => {
    const cases: Array<[string, string, string]> = [
      ['x = f"{a}"\n', "f-string", "3.6"],
      ['x = F"{a}"\n', "f-string", "3.6"],
      ['x = rf"{a}"\n', "f-string", "3.6"],
      ["x: int = 1\n", "variable annotation", "3.6"],
      ["n = 1_000_000\n", "underscore in number", "3.6"],
      ["async def f():\n    yield 1\n", "async generator", "3.6"],
      ["async def f():\n    return [x async for x in y]\n", "async comprehension", "3.6"],
      ["async def f():\n    return [await x for x in y]\n", "await inside a comprehension", "3.6"],
      ["from __future__ import annotations\n", "annotations", "3.7"],
      ["if (n := len(a)) > 3:\n    pass\n", "assignment expression", "3.8"],
      ["def f(a, /, b):\n    pass\n", "positional-only", "3.8"],
      ["def f():\n    return *a, b\n", "unpacking in return", "3.8"],
      ["@botones[0].click\ndef f():\n    pass\n", "decorator", "3.9"],
      // Documented for 3.10; CPython 3.9's new parser accepts it already (test/fixtures/py35 labels).
      ["with (open(a) as f, open(b) as g):\n    pass\n", "parenthesized context managers", "3.9"],
      ["match x:\n    case 1:\n        pass\n", "match statement", "3.10"],
      ["try:\n    pass\nexcept* ValueError:\n    pass\n", "except*", "3.11"],
      ["x = a[*b]\n", "star expression in an index", "3.11"],
      ["def f[T](x: T) -> T:\n    return x\n", "type parameters", "3.12"],
      ["type Punto = tuple[int, int]\n", "type alias", "3.12"],
    ];
    for (const [code, what, version] of cases) {
      it(`finds ${what} (Python ${version})`, () => {
        const f = one(code, "PY003");
        assert.equal(f.minVersion, version);
        assert.ok(argInEnglish(f.args[0]).includes(what), `${argInEnglish(f.args[0])} should mention ${what}`);
        assert.deepEqual(f.args.slice(1), [version, "3.5"]);
      });
    }
    it("follows the target: nothing below it", () => {
      assert.deepEqual(rules('x = f"{a}"\nif (n := 1):\n    pass\n', "3.8"), []);
      assert.deepEqual(rules("match x:\n    case 1:\n        pass\n", "3.9"), ["PY003"]);
    });
    it("does not see a yield of a nested plain function as an async generator", () => {
      assert.deepEqual(rules("async def f():\n    def g():\n        yield 1\n    return g\n"), []);
    });
  });

  describe("valid Python 3.5 gives no finding", () => {
    const valid = [
      "async def f():\n    await g()\n    async with a as b:\n        pass\n    async for x in y:\n        pass\n",
      "c = a @ b\n",
      "f(*args, *more, **kw, **other)\nx = [*a, *b]\ny = {**a, **b}\n",
      "print(x)\nprint('a', end='')\n",
      's = \'f"{x}" is not code here\'\n# f"{x}" in a comment\n',
      "def f(a: int, b: str = 'x') -> bool:\n    return True\n",
      "x = 0o777 + 0x1F + 0b101 + 0 + 00\n",
      "nonlocal_ok = 1\ndef f():\n    x = 1\n    def g():\n        nonlocal x\n        x = 2\n",
      "import typing\nfrom typing import List, Dict\nx = typing.List[int]\n",
      "class A(object):\n    @property\n    def x(self):\n        return 1\n    @x.setter\n    def x(self, v):\n        pass\n",
      "r = subprocess.run(['ls'], stdout=subprocess.PIPE)\nimport subprocess\n",
      "with open(a) as f, open(b) as g:\n    pass\n",
      "def g():\n    with (yield):\n        pass\n",
      "def f():\n    return (*a, b)\n",
    ];
    for (const code of valid) {
      it(JSON.stringify(code.slice(0, 50)), () => assert.deepEqual(check(code), []));
    }
  });

  describe("PY004 standard library newer than the target", () => {
    const cases: Array<[string, string, string]> = [
      ["import secrets\n", "secrets", "3.6"],
      ["import dataclasses\n", "dataclasses", "3.7"],
      ["from contextvars import ContextVar\n", "contextvars", "3.7"],
      ["import zoneinfo\n", "zoneinfo", "3.9"],
      ["import importlib.metadata\n", "importlib.metadata", "3.8"],
      ["import math\nx = math.prod([1, 2])\n", "math.prod", "3.8"],
      ["from math import prod\n", "math.prod", "3.8"],
      ["import subprocess\nsubprocess.run(c, capture_output=True)\n", "capture_output", "3.7"],
      ["import subprocess as sp\nsp.run(c, text=True)\n", "subprocess.run(text", "3.7"],
      ["from datetime import datetime\nd = datetime.fromisoformat(s)\n", "datetime.datetime.fromisoformat", "3.7"],
      ["import datetime as dt\nd = dt.date.fromisoformat(s)\n", "datetime.date.fromisoformat", "3.7"],
      [
        "import functools\n@functools.lru_cache()\ndef f(): pass\nfunctools.cached_property\n",
        "functools.cached_property",
        "3.8",
      ],
      ["import itertools\nitertools.pairwise(x)\n", "itertools.pairwise", "3.10"],
      ["from typing import Literal\n", "typing.Literal", "3.8"],
      ["import asyncio\nasyncio.run(main())\n", "asyncio.run", "3.7"],
      ["import random\nrandom.choices(x)\n", "random.choices", "3.6"],
      ["import logging\nlogging.basicConfig(force=True)\n", "force", "3.8"],
      ["import shutil\nshutil.copytree(a, b, dirs_exist_ok=True)\n", "dirs_exist_ok", "3.8"],
      ["s = 'abc'.removeprefix('a')\n", "removeprefix", "3.9"],
      ["breakpoint()\n", "breakpoint", "3.7"],
      ["import time\nt = time.time_ns()\n", "time.time_ns", "3.7"],
      ["from collections import namedtuple\nP = namedtuple('P', 'x y', defaults=(0,))\n", "defaults", "3.7"],
    ];
    for (const [code, what, version] of cases) {
      it(`finds ${what} (Python ${version})`, () => {
        const f = one(code, "PY004");
        assert.equal(f.minVersion, version);
        assert.ok(argInEnglish(f.args[0]).includes(what), `${argInEnglish(f.args[0])} should mention ${what}`);
      });
    }
    it("does not resolve names that are not imports", () => {
      assert.deepEqual(rules("math = Calculadora()\nmath.prod(x)\nself.secrets = 1\n"), []);
    });
    it("accepts what Python 3.5 has", () => {
      assert.deepEqual(
        rules(
          "import os, sys, json, subprocess, math\nsubprocess.run(c, stdout=subprocess.PIPE)\nmath.isclose(a, b)\nos.scandir('.')\n",
        ),
        [],
      );
    });
  });

  describe("positions", () => {
    it("counts characters, not bytes or UTF-16 units, in columns", () => {
      const f = one('ñandú = "áé🙂"; x = f"{a}"\n', "PY003");
      assert.equal(f.line, 1);
      // ñandú(5) + ' = '(3) + "áé🙂"(5) + '; x = '(6) → the f-string starts at character 20
      assert.equal(f.column, 20);
    });
  });
});

describe("Python rules on annotations", () => {
  it("does not take subscripted annotations for PEP 695 type parameters", () => {
    assert.deepEqual(
      rules("from typing import List, Dict\ndef f(x: List[int]) -> Dict[str, int]:\n    return {}\n"),
      [],
    );
  });
  it("finds type parameters on a class", () => {
    assert.equal(argInEnglish(one("class Caja[T]:\n    pass\n", "PY003").args[0]), "type parameters");
  });
});

/** The CPython message a PY001 quotes, or the finding's text when it quotes none. */
const quoted = (f: { args: unknown[] }) => argInEnglish(f.args[0] as never);

describe("PY001 what CPython's compiler refuses beyond the grammar (quoting its message)", () => {
  const cases: Array<[string, string]> = [
    ["x = 1\nreturn x\n", "'return' outside function"],
    ["class A(object):\n    return 1\n", "'return' outside function"],
    ["x = yield\n", "'yield' outside function"],
    ["def f():\n    await g()\n", "'await' outside async function"],
    ["async def f():\n    return (lambda: await g())\n", "'await' outside async function"],
    ["if x:\n    break\n", "'break' outside loop"],
    ["for i in y:\n    pass\nelse:\n    break\n", "'break' outside loop"],
    ["def f():\n    continue\n", "'continue' not properly in loop"],
    ["def f(a, b, a):\n    pass\n", "duplicate argument 'a' in function definition"],
    ["f = lambda a, *b, **a: 0\n", "duplicate argument 'a' in function definition"],
    ["def f(a=1, b):\n    pass\n", "non-default argument follows default argument"],
    ["f(a=1, b=2, a=3)\n", "keyword argument repeated"],
    ["f(a=1, 2)\n", "positional argument follows keyword argument"],
    ["f(**k, 2)\n", "positional argument follows keyword argument unpacking"],
    ["f(**k, *a)\n", "iterable argument unpacking follows keyword argument unpacking"],
    ["sum(x for x in y, 0)\n", "Generator expression must be parenthesized"],
    ["nonlocal x\n", "nonlocal declaration not allowed at module level"],
    ["def f():\n    def g():\n        nonlocal x\n", "no binding for nonlocal 'x' found"],
    ["def f(x):\n    global x\n", "name 'x' is parameter and global"],
    ["def f():\n    x = 1\n    def g(x):\n        nonlocal x\n", "name 'x' is parameter and nonlocal"],
    ["del f()\n", "can't delete function call"],
    ["a, b += 1, 1\n", "illegal expression for augmented assignment"],
    ["*a = [1]\n", "starred assignment target must be in a list or tuple"],
    ["a, *b, *c = d\n", "two starred expressions in assignment"],
    ["async def f():\n    yield 1\n    return 2\n", "'return' with value in async generator"],
    ["async def f():\n    yield from g()\n", "'yield from' inside async function"],
    ["from __future__ import braces\n", "not a chance"],
    ["from __future__ import nada\n", "future feature nada is not defined"],
    ["import os\nfrom __future__ import division\n", "from __future__ imports must occur at the beginning of the file"],
    ["try:\n    x = 1\nprint(x)\n", "invalid syntax"],
  ];
  for (const [code, cpython] of cases) {
    it(cpython, () => {
      const found = check(code).filter((f) => f.rule === "PY001");
      assert.ok(
        found.some((f) => quoted(f) === `CPython refuses to compile it: "${cpython}"`),
        `${JSON.stringify(code)}: ${found.map(quoted).join(" / ") || "no PY001"}`,
      );
    });
  }
  it("says it in Spanish around CPython's own English message (data)", () => {
    const f = one("return 1\n", "PY001");
    assert.equal(renderArg("es", f.args[0]), `CPython se niega a compilarlo: "'return' outside function"`);
  });
  it("accepts what CPython accepts there", () => {
    const valid = [
      "def f():\n    for x in y:\n        try:\n            pass\n        finally:\n            break\n",
      "def f():\n    x = 1\n    def g():\n        nonlocal x\n    del x\n",
      "class A(object):\n    def f(self):\n        nonlocal __class__\n",
      "def g():\n    return (i for i in range(3) if i)\n",
      "f(*a, k=1, *b, **c)\nf(a, *b, c=1, **d)\n",
      '"""Doc."""\n# comment\nfrom __future__ import print_function\n',
      "def f(a, b=1, *args, c, d=2, **kw):\n    pass\n",
      "sorted(x, key=lambda a, b=1: a)\n",
      "with mock.patch('a', x=1), \\\n     mock.patch('b'):\n    pass\n",
    ];
    for (const code of valid) assert.deepEqual(rules(code), [], JSON.stringify(code));
  });
});

describe("PY001 what CPython's tokenizer refuses and the grammar recovers from", () => {
  const cases: Array<[string, string]> = [
    ["import os\n    print(os.sep)\n", "unexpected indent"],
    ["def f():\n    x = 1\n        return x\n", "unexpected indent"],
    ["def f():\n\nf()\n", "expected an indented block"],
    ["for i in x:\n", "expected an indented block"],
    ["def f(x):\n    if x:\n        return 1\n  return 0\n", "unindent does not match any outer indentation level"],
    ["total = 1 +\nprint(total)\n", "invalid syntax"],
  ];
  for (const [code, cpython] of cases) {
    it(`${cpython}: ${JSON.stringify(code)}`, () => {
      assert.equal(quoted(one(code, "PY001")), `CPython refuses to compile it: "${cpython}"`);
    });
  }
  it("reads numbers, ellipses, strings, brackets and continuations as CPython does", () => {
    const valid = [
      "x = 4.\ny = .5 + 1e-3\nz = ...\nfrom os import *\n",
      'q = """\n  texto\n"""\nr = (1 +\n     2)\ns = 1 + \\\n    2\n',
      "if x:  # comment:\n    pass\n# x = 1 +\n",
      "d = {'a': 1,\n  'b': 2}\nclass A: pass\n",
    ];
    for (const code of valid) assert.deepEqual(rules(code), [], JSON.stringify(code));
  });
  it("reports source that is not UTF-8 without a declared encoding", () => {
    const text = "x = 'a\u00f1o'\n"; // read as Latin-1: ñ is the bad byte
    const a = analyzePython(parser, "m.py", text, { target: "3.5", badUtf8At: text.indexOf("\u00f1") });
    a.tree.delete();
    assert.match(quoted(a.findings[0]), /Non-UTF-8 code starting with '\\xf1'/);
    const declared = analyzePython(parser, "m.py", `# -*- coding: latin-1 -*-\n${text}`, {
      target: "3.5",
      badUtf8At: 40,
    });
    declared.tree.delete();
    assert.deepEqual(declared.findings, []);
  });
});

describe("PY002 Python 2 beyond the grammar", () => {
  const cases: Array<[string, string]> = [
    ["for i in xrange(3):\n    pass\n", "the builtin xrange"],
    ["isinstance(x, basestring)\n", "the builtin basestring"],
    ["leer = raw_input\n", "the builtin raw_input"],
    ["import urllib2\n", "the module urllib2"],
    ["from StringIO import StringIO\n", "the module StringIO"],
    ["import ConfigParser\n", "the module ConfigParser"],
    ["from itertools import izip\n", "itertools.izip"],
    ["import sys\nprint(sys.maxint)\n", "sys.maxint"],
    ["import string\nstring.letters\n", "string.letters"],
    ["d = {'a': 1}\nfor k, v in d.iteritems():\n    pass\n", "the dict method iteritems()"],
    ["print({'a': 1}.has_key('a'))\n", "the dict method has_key()"],
    ["print('x'.decode('ascii'))\n", "str.decode()"],
    ["sorted(x, cmp=f)\n", "the cmp= argument of sorted"],
    ["def f((a, b)):\n    pass\n", "a tuple parameter"],
    ["f = lambda (a, b): a\n", "a tuple parameter"],
    ["True = 0\n", "assignment to True"],
    ["k = b'contraseña'\n", "a bytes literal with non-ASCII characters"],
    ['"""Usa \\uXXXX para escapar."""\n', "a \\u escape without four hex digits"],
    ["def f(a, (b, c)=(1, 2)):\n    pass\n", "a tuple parameter"],
    ["exec textwrap.dedent(codigo)\n", "exec statement"],
    ["def f(x):\n    if x:\n\treturn 1\n    return 0\n", "mixes tabs and spaces"],
  ];
  for (const [code, what] of cases) {
    it(`finds ${what}`, () => {
      const found = check(code).filter((f) => f.rule === "PY002");
      assert.equal(found.length, 1, `${JSON.stringify(code)}: ${JSON.stringify(check(code))}`);
      assert.ok(argInEnglish(found[0].args[0]).includes(what), argInEnglish(found[0].args[0]));
    });
  }
  it("is no finding where the file defines the name itself, or the type is not the dict's", () => {
    const valid = [
      "def xrange(n):\n    return range(n)\nunicode = str\nprint(xrange(3), unicode(1))\n",
      "from functools import reduce\nreduce(f, x)\n",
      "try:\n    raw_input\nexcept NameError:\n    raw_input = input\n",
      "box = mailbox.mbox(p)\nfor k in box.iterkeys():\n    pass\n",
      "class C(dict):\n    def iteritems(self):\n        pass\nC().iteritems()\n",
      "for file in files:\n    print(file)\n",
    ];
    for (const code of valid) assert.deepEqual(rules(code), [], JSON.stringify(code));
  });
  it("is no finding for an import of the routine's own module of that name", () => {
    const a = analyzePython(parser, "m.py", "import commands\n", {
      target: "3.5",
      localModules: new Set(["commands"]),
    });
    a.tree.delete();
    assert.deepEqual(a.findings, []);
  });
});

describe("PY003 syntax the grammar hides", () => {
  const cases: Array<[string, string, string]> = [
    ["def f(a, *args,):\n    pass\n", "trailing comma", "3.6"],
    ["def f(**kw,):\n    pass\n", "trailing comma", "3.6"],
    ["def f(a, *, b=1,):\n    pass\n", "trailing comma", "3.6"],
    ["for i in x:\n    try:\n        pass\n    finally:\n        continue\n", "continue inside finally", "3.8"],
    ["print(f'{x=}')\n", "= specifier", "3.8"],
    ["async def f():\n    return f'{await g()}'\n", "await inside an f-string", "3.7"],
    ['print(f"{d["k"]}")\n', "reusing the f-string's quotes", "3.12"],
    ["print(f\"{'\\n'.join(x)}\")\n", "backslash", "3.12"],
    ["print(f'''{\n    x  # n\n}''')\n", "comment", "3.12"],
    ["print(f'{a +\n  b}')\n", "line break", "3.12"],
    ["class C[T = int]:\n    pass\n", "default of a type parameter", "3.13"],
    ["print(d[i := 1])\n", "as an index", "3.10"],
    ["print({y := 1, 2})\n", "in a set display", "3.9"],
    ["for x in *a, *b:\n    pass\n", "iterable of a for", "3.9"],
    ["async def f():\n    return [[x async for x in g()] for _ in y]\n", "inside another comprehension", "3.11"],
    ["def g():\n    return (await x for x in y)\n", "generator expression", "3.7"],
    ["C = tuple[*tuple[int, ...]]\n", "star expression in an index", "3.11"],
    ["class M[T]:\n    type A = list[(lambda: T)()]\n", "annotation scope", "3.13"],
  ];
  for (const [code, what, version] of cases) {
    it(`finds ${what} (Python ${version})`, () => {
      const found = check(code).filter((f) => f.rule === "PY003" && f.minVersion === version);
      assert.ok(
        found.some((f) => argInEnglish(f.args[0]).includes(what)),
        `${JSON.stringify(code)}: ${JSON.stringify(check(code).map((f) => [f.rule, f.minVersion, argInEnglish(f.args[0])]))}`,
      );
      assert.deepEqual(
        rules(code).filter((r) => r === "PY001"),
        [],
      );
    });
  }
  it("reads `type(self).x = 1` as an assignment, not a type alias", () => {
    assert.deepEqual(rules("class A(object):\n    def f(self):\n        type(self).x = 1\n"), []);
  });
});

describe("PY004 names reached through values, annotations and builtins", () => {
  const cases: Array<[string, string, string]> = [
    ["nombre = 'tmp_x'\nprint(nombre.removeprefix('tmp_'))\n", "str.removeprefix()", "3.9"],
    ["cols = ['a_b']\nprint([c.removeprefix('a_') for c in cols])\n", "str.removeprefix()", "3.9"],
    ["t = 'a\\nb'\nprint([l.removeprefix('a') for l in t.splitlines()])\n", "str.removeprefix()", "3.9"],
    ["print((10).as_integer_ratio())\n", "int.as_integer_ratio()", "3.8"],
    ["v = memoryview(b'a')\nprint(v.tobytes(order=None))\n", "memoryview.tobytes(order=…)", "3.8"],
    ["print(b'\\x01'.hex(':'))\n", "bytes.hex()", "3.8"],
    ["try:\n    pass\nexcept ValueError as e:\n    e.add_note('x')\n", "BaseException.add_note()", "3.11"],
    ["from pathlib import Path\nPath('a').write_text('x', newline='')\n", "pathlib.Path.write_text(newline=…)", "3.10"],
    ["import pathlib\np = pathlib.Path('a') / 'b'\np.read_text(newline='')\n", "read_text(newline=…)", "3.13"],
    ["import datetime\ndatetime.datetime.now().isoformat(timespec='seconds')\n", "isoformat(timespec=…)", "3.6"],
    ["import logging\nlog = logging.getLogger('r')\nlog.warning('x', stacklevel=2)\n", "stacklevel", "3.8"],
    ["import datetime\nprint(datetime.date.today().isocalendar().week)\n", "isocalendar().week", "3.9"],
    ["d = {'a': 1}\nprint(list(reversed(d)))\n", "reversed(dict)", "3.8"],
    ["d = {'a': 1}\nk = d.keys()\nprint(k.mapping, d.values().mapping)\n", "dict_keys.mapping", "3.10"],
    [
      "import functools\n@functools.lru_cache\ndef f(x):\n    return x\n",
      "@functools.lru_cache without parentheses",
      "3.8",
    ],
    ["hook = breakpoint\n", "breakpoint", "3.7"],
    ["try:\n    pass\nexcept ModuleNotFoundError:\n    pass\n", "ModuleNotFoundError", "3.6"],
    ["import importlib\nimportlib.import_module('zoneinfo')\n", "zoneinfo", "3.9"],
    ["print(sum([[1]], start=[]))\n", "sum(start=…)", "3.8"],
    ["def f(x: list[int]) -> None:\n    pass\n", "list[…]", "3.9"],
    ["def f() -> dict[str, int]:\n    pass\n", "dict[…]", "3.9"],
    ["Z: list[str] = []\n", "list[…]", "3.9"],
    ["def f(t=list[int]):\n    pass\n", "list[…]", "3.9"],
    ["from collections import deque\ndef f() -> deque[int]:\n    pass\n", "deque[…]", "3.9"],
    ["def f(x: int | None):\n    pass\n", "a union of types", "3.10"],
    ["def f(x: list[int] | dict[str, int]):\n    pass\n", "a union of types", "3.10"],
    ["isinstance(x, int | float)\n", "a union of types", "3.10"],
    ["print({'a': 1} | {'b': 2})\n", "the | operator on a dict", "3.9"],
    ["c = {'a': 1}\nc |= {'b': 2}\n", "the |= operator on a dict", "3.9"],
  ];
  for (const [code, what, version] of cases) {
    it(`finds ${what} (Python ${version})`, () => {
      const found = check(code).filter((f) => f.rule === "PY004");
      assert.ok(
        found.some((f) => f.minVersion === version && argInEnglish(f.args[0]).includes(what)),
        `${JSON.stringify(code)}: ${JSON.stringify(check(code).map((f) => [f.rule, f.minVersion, argInEnglish(f.args[0])]))}`,
      );
    });
  }
  it("leaves alone what Python 3.5 never evaluates, and values of unknown type", () => {
    const valid = [
      "def f():\n    filas: list = []\n    return filas\n",
      "def f(x: 'list[int]') -> 'int | None':\n    pass\n",
      "from __future__ import absolute_import\nprint({1} | {2})\nflags = a | b\n",
      "def f(texto):\n    return texto.removeprefix('a')\n",
      "class Reloj(object):\n    def isoformat(self, timespec='auto'):\n        pass\nReloj().isoformat(timespec='s')\n",
      "from typing import List\ndef f(x: List[int]) -> List[int]:\n    pass\n",
      "def breakpoint():\n    pass\nbreakpoint()\n",
      "secrets = {'a': 1}\nprint(secrets.get('a'))\n",
    ];
    for (const code of valid)
      assert.deepEqual(
        rules(code).filter((r) => r === "PY004"),
        [],
        JSON.stringify(code),
      );
  });
});

describe("calls: the callee read from the text, the tree asked where the text cannot vouch", () => {
  const UNCLEAR = "(the tree decides)";
  const read = (before: string) => {
    const callee = calleeBefore(`${before}(x)`, before.length);
    return typeof callee === "symbol" ? UNCLEAR : callee;
  };
  const cases: Array<[string, string | undefined]> = [
    ["os.path.join", "os.path.join"],
    ["x = os . path\t.join ", "os.path.join"],
    ["elif isinstance", "isinstance"],
    ["return not self.valid", "self.valid"],
    ["@functools.lru_cache", "functools.lru_cache"],
    ["x[0].items", ".items"],
    ["'a'.join", ".join"],
    ["1.5.hex", ".hex"],
    ["f()", undefined],
    ["'texto'", undefined],
    ["foo(\n    bar", "bar"],
    ["# nota.\n\nbar", "bar"],
    ["(fecha\n .isoformat", UNCLEAR],
    ["(fecha.\n isoformat", UNCLEAR],
    ["(fecha.  # nota\n isoformat", UNCLEAR],
    ["x = 1 + \\\nfecha.isoformat", UNCLEAR],
    ["año.isoformat", UNCLEAR],
    ["bar\n", UNCLEAR],
  ];
  for (const [before, expected] of cases)
    it(`reads ${JSON.stringify(before)} as ${expected ?? "neither a name nor an attribute"}`, () =>
      assert.equal(read(before), expected));

  it("checks a method call whose callee spans lines, with or without a comment in it", () => {
    for (const code of [
      "import datetime\nx = (datetime.datetime.now()\n     .isoformat(timespec='seconds'))\n",
      "import datetime\nx = (datetime.datetime.now().  # hora\n     isoformat(timespec='seconds'))\n",
      "import datetime\nx = (datetime.datetime\n     .now().isoformat(timespec='seconds'))\n",
    ]) {
      const found = check(code).filter((f) => f.rule === "PY004");
      assert.ok(
        found.some((f) => argInEnglish(f.args[0]).includes("isoformat(timespec=…)")),
        `${JSON.stringify(code)}: ${JSON.stringify(found.map((f) => argInEnglish(f.args[0])))}`,
      );
    }
  });

  it("types a name with the imports met so far: an import further down changes it from there on", () => {
    const code =
      "p = Path('a')\np.write_text('x', newline='')\nfrom pathlib import Path\np.write_text('y', newline='')\n";
    const found = check(code).filter((f) => f.rule === "PY004");
    assert.deepEqual(
      found.map((f) => f.line),
      [4],
      JSON.stringify(found.map((f) => [f.line, argInEnglish(f.args[0])])),
    );
  });
});

describe("guards lower a finding to info with the guard quoted", () => {
  const guarded = (code: string) => check(code).filter((f) => f.rule !== "PY003");
  const cases: Array<[string, string]> = [
    ["try:\n    import tomllib\nexcept ImportError:\n    tomllib = None\n", "except ImportError"],
    [
      "try:\n    from math import prod\nexcept (ImportError, AttributeError):\n    prod = None\n",
      "except (ImportError",
    ],
    ["import math\ntry:\n    r = math.isqrt(17)\nexcept AttributeError:\n    r = 4\n", "except AttributeError"],
    [
      "import subprocess\ntry:\n    subprocess.run(c, capture_output=True)\nexcept TypeError:\n    pass\n",
      "except TypeError",
    ],
    ["import math\nif hasattr(math, 'prod'):\n    t = math.prod(x)\n", "hasattr(math, 'prod')"],
    ["import os\nn = os.process_cpu_count() if hasattr(os, 'process_cpu_count') else 1\n", "hasattr(os"],
    ["import sys, math\nif sys.version_info >= (3, 8):\n    math.prod(x)\n", "sys.version_info >= (3, 8)"],
    [
      "import sys, time\nif sys.version_info < (3, 7):\n    t = 1\nelse:\n    t = time.time_ns()\n",
      "not (sys.version_info < (3, 7))",
    ],
    ["import sys, math\nif sys.version_info[:2] >= (3, 8):\n    math.prod(x)\n", "sys.version_info[:2]"],
    ["import sys, math\nif sys.version_info.major == 3 and sys.version_info.minor >= 8:\n    math.prod(x)\n", "major"],
    [
      "import sys\nif sys.version >= '3.8':\n    from math import isqrt\nelse:\n    isqrt = None\n",
      "sys.version >= '3.8'",
    ],
    ["try:\n    import cPickle as pickle\nexcept ImportError:\n    import pickle\n", "except ImportError"],
    ["try:\n    import pickle\nexcept ImportError:\n    import cPickle as pickle\n", "except ImportError"],
    ["from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    A = tuple[int] | None\n", "TYPE_CHECKING"],
  ];
  for (const [code, guard] of cases) {
    it(guard, () => {
      const found = guarded(code);
      assert.ok(found.length > 0, `${JSON.stringify(code)}: no finding at all`);
      for (const f of found) assert.ok(f.guard?.includes(guard), `${JSON.stringify(code)}: ${JSON.stringify(found)}`);
    });
  }
  it("does not guard what the guard does not protect", () => {
    const unguarded = [
      "import sys, math\nif sys.version_info >= (3, 6):\n    math.prod(x)\n", // 3.6 and 3.7 lack prod
      "import math\nif hasattr(math, 'gcd'):\n    math.prod(x)\n", // another name
      "try:\n    import json\nexcept ImportError:\n    pass\nimport contextvars\n", // another import
      "import math\ntry:\n    r = math.isqrt(17)\nexcept ImportError:\n    r = 4\n", // not what it raises
    ];
    for (const code of unguarded) {
      const found = guarded(code);
      assert.ok(found.length > 0 && found.every((f) => !f.guard), `${JSON.stringify(code)}: ${JSON.stringify(found)}`);
    }
  });
  it("reports the uses of a guarded import whose fallback leaves the name undefined", () => {
    const found = guarded("try:\n    from math import lcm\nexcept ImportError:\n    pass\nprint(lcm(4, 6))\n");
    assert.deepEqual(
      found.map((f) => [f.line, !!f.guard]),
      [
        [2, true],
        [5, false],
      ],
    );
    assert.deepEqual(
      guarded(
        "try:\n    from math import lcm\nexcept ImportError:\n    def lcm(a, b):\n        return a\nprint(lcm(4, 6))\n",
      ).map((f) => !!f.guard),
      [true],
    );
  });
  it("never guards syntax: the file must compile first", () => {
    const f = one("import sys\nif sys.version_info >= (3, 6):\n    print(f'{x}')\n", "PY003");
    assert.equal(f.guard, undefined);
  });
});
