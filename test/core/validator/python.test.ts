import { strict as assert } from "assert";
import { analyzePython } from "../../../core/python/analyzer";
import { argInEnglish } from "../../helpers/i18n";
import { createPythonParser, Parser } from "../../../core/python/parser";

let parser: Parser;
before(async () => {
  parser = await createPythonParser();
});

function check(code: string, target = "3.5") {
  const a = analyzePython(parser, "m.py", code, { target });
  a.tree.delete();
  return a.findings;
}
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
      ["with (open(a) as f, open(b) as g):\n    pass\n", "parenthesized context managers", "3.10"],
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
      "with (yield):\n    pass\n",
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
