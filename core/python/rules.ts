import type { Rule } from "../findings/rule";

/** How a file's findings make its verdict: the measure of the gate, on every PY page. */
const VERDICT =
  "**A file's verdict** — how the gate is measured on the labelled corpus `test/fixtures/py35` (core/python/verdict.ts): " +
  "any PY001 → *syntax error*; else any PY002 → *Python 2*; else the highest minimum version of PY003/PY004 → *needs 3.N*; " +
  "else *ok*. Info findings (guarded code, `# lz: ignore`) never change it.";

/** The guard policy, on the pages of the rules about names (PY002, PY004). */
const GUARDS =
  "**Guards.** A finding about a name (never about syntax: the file must compile before any guard runs) is lowered to " +
  "*info*, with the guard quoted in its message, where the code makes the use safe:\n" +
  "- in the body of a `try` whose `except` catches what the use raises: `ImportError` or `ModuleNotFoundError` for an import, " +
  "`AttributeError` for a member, `TypeError` for a keyword argument, `NameError` for a builtin (`Exception`, `BaseException` " +
  "and a bare `except:` catch all);\n" +
  '- in the branch that `hasattr(obj, "name")` opens for that very name (`if`, `x if c else y`, `c and x`);\n' +
  "- in a branch of a `sys.version_info` or `sys.version` comparison that no Python older than the name can take " +
  "(`sys.version_info >= (3, 8)` guards what 3.8 added, not what 3.9 added); for a Python 2 name, a branch no Python 3 takes;\n" +
  "- a Python 2 module imported in the `except ImportError:` fallback of a Python 3 import;\n" +
  "- in `if TYPE_CHECKING:` (typing's), which never runs.\n\n" +
  "A guarded import whose fallback does not define the name leaves it undefined on the older Python: its uses outside the " +
  "guard are findings. The LZ team can make guards strict (guarded code then counts like any other) with " +
  '`"pythonGuards": "strict"` in the `.lzvalidator.json` its task input *Configuration file* names; the routine\'s own file ' +
  "cannot set it (LZV002).";

export const PYTHON_RULES = [
  {
    code: "PY001",
    protectsProduction: true,
    name: "syntax-error",
    severity: "error",
    category: "python",
    title: { en: "The file is not valid Python.", es: "El archivo no es Python válido." },
    message: {
      en: "Syntax error: %s. Python cannot import this file, so the routine fails when it loads it.",
      es: "Error de sintaxis: %s. Python no puede importar este archivo y la rutina falla al cargarlo.",
    },
    fix: {
      en: "Open the file at this line and column and correct the syntax (a missing parenthesis, colon or quote is the usual cause).",
      es: "Abra el archivo en esta línea y columna y corrija la sintaxis (lo usual es un paréntesis, dos puntos o comilla que falta).",
    },
    why:
      "A file that does not compile cannot be imported: the routine stops at the first import of it, in production as in dev. " +
      "What PY001 catches:\n" +
      "- what the grammar refuses (tree-sitter-python's ERROR and missing nodes);\n" +
      "- what CPython's tokenizer refuses and the grammar recovers from silently: an unexpected indent, a block header without " +
      "its indented block, a dedent to no outer level, a line that ends in an operator (`total = 1 +`), `try:` without " +
      "`except` or `finally`, source that is not UTF-8 without an encoding declaration;\n" +
      "- what CPython's compiler and symbol table refuse beyond the grammar, quoting CPython's own message: `return` outside " +
      "a function (a class body included), `yield` outside a function, `await` outside an async function, `break` / " +
      "`continue` outside a loop (its `else` included), `nonlocal` at module level or without a binding, a parameter " +
      "declared global or nonlocal, duplicate parameters, a parameter without default after one with, a repeated keyword " +
      "argument, a positional argument after a keyword one, `*x` after `**y`, an unparenthesized generator beside other " +
      "arguments, `del f()`, `a, b += …`, `*a = …`, two starred targets, `return` with a value in an async generator, " +
      "`yield from` in an async function, `break`/`continue`/`return` in an `except*` block, misplaced or unknown " +
      "`from __future__` imports.\n\n" +
      "Known limitation of the parser: a continuation line inside brackets indented less than its statement (legal Python, " +
      "rare in routines) can be reported; the LZ team can lower PY001 for a release with the task input *Rule severities* " +
      "(the routine itself cannot silence it).\n\n" +
      VERDICT,
    example: {
      language: "python",
      bad: "def cargar(tabla)\n    return tabla",
      good: "def cargar(tabla):\n    return tabla",
    },
  },
  {
    code: "PY002",
    protectsProduction: true,
    name: "python2-syntax",
    severity: "error",
    category: "python",
    title: { en: "Python 2 only syntax or names.", es: "Sintaxis o nombres exclusivos de Python 2." },
    message: {
      en: "%s is Python 2 only; the routine runs on Python 3.",
      es: "%s es exclusivo de Python 2; la rutina se ejecuta en Python 3.",
    },
    fix: {
      en: "Use the Python 3 form the message names: print(...), exec(...), except E as e, repr(x), !=, 0o777, range, str, d.items(), the renamed module.",
      es: "Use la forma de Python 3 que nombra el mensaje: print(...), exec(...), except E as e, repr(x), !=, 0o777, range, str, d.items(), el módulo renombrado.",
    },
    why:
      "The virtual environments are Python 3.5: Python 2 statements are syntax errors there, and Python 2 names fail when " +
      "the line runs. What PY002 catches:\n" +
      "- syntax: `print x`, `exec code`, `except E, e`, `raise E, msg`, backticks, `<>`, `10L`, `0777`, `ur''`, tuple " +
      "parameters (`def f((a, b))`, `lambda (a, b): …`), `True = 0`, non-ASCII bytes literals, indentation that mixes tabs " +
      "and spaces (Python 2 reads a tab as 8 columns, Python 3 raises TabError);\n" +
      "- names Python 3 removed: builtins (`xrange`, `unicode`, `basestring`, `long`, `raw_input`, `reduce`, `file`, …), " +
      "renamed modules (`urllib2`, `ConfigParser`, `cPickle`, `StringIO`, `Queue`, …, from PEP 3108), members " +
      "(`string.letters`, `sys.maxint`, `itertools.izip`, `os.getcwdu`, `urllib.urlencode`, …), dict methods " +
      "(`iteritems`, `has_key`, …) and `str.decode` on values the code shows to be a dict or a str, and `cmp=` in " +
      "`sorted` / `list.sort`.\n\n" +
      "A name the file defines itself (a def, a class, an assignment, an import, a parameter) is not a finding, nor is an " +
      "import of a module the routine itself has (`commands.py` beside it).\n\n" +
      GUARDS +
      "\n\n" +
      VERDICT,
    example: {
      language: "python",
      bad: 'print "total", n\nfor k, v in config.iteritems():',
      good: 'print("total", n)\nfor k, v in config.items():',
    },
  },
  {
    code: "PY003",
    protectsProduction: true,
    name: "newer-syntax",
    severity: "error",
    category: "python",
    title: {
      en: "Syntax newer than the target Python version.",
      es: "Sintaxis más nueva que la versión de Python objetivo.",
    },
    message: {
      en: "%s needs Python %s; the routine runs on Python %s.",
      es: "%s requiere Python %s; la rutina se ejecuta en Python %s.",
    },
    fix: {
      en: "Rewrite it for the target version (f-strings: use '{}'.format(...); annotations on variables: a comment; walrus: a separate assignment).",
      es: "Reescríbalo para la versión objetivo (f-strings: use '{}'.format(...); anotaciones de variables: un comentario; walrus: una asignación aparte).",
    },
    why:
      "The servers run the routine in a Python 3.5 virtual environment: newer syntax is a SyntaxError at import time, " +
      "whatever guard surrounds it (f-strings are the classic failure). What PY003 catches, by the version that first " +
      "compiles it:\n" +
      "- 3.6: f-strings, variable annotations, underscores in numbers, async generators and comprehensions, await in " +
      "comprehensions, a trailing comma after `*args` / `**kwargs` / a bare `*` in a `def`;\n" +
      "- 3.7: `from __future__ import annotations`, more than 255 arguments or parameters, `await` in f-strings and in a " +
      "generator expression outside an async function;\n" +
      "- 3.8: `:=`, positional-only parameters, the f-string `=` specifier, `continue` in `finally`, unparenthesized " +
      "unpacking in `return` / `yield`;\n" +
      "- 3.9: any expression as a decorator, parenthesized context managers (documented for 3.10, accepted by 3.9's " +
      "parser), unpacking in a `for`'s iterable, unparenthesized `:=` in a set;\n" +
      "- 3.10: `match`, unparenthesized `:=` as an index;\n" +
      "- 3.11: `except*`, `*` in an index, an async comprehension inside another comprehension;\n" +
      "- 3.12: `type` aliases and type parameters (PEP 695), f-strings of PEP 701 (the same quotes, a backslash, a comment " +
      "or a line break inside a field);\n" +
      "- 3.13: type parameter defaults (PEP 696), lambdas and comprehensions in the annotation scopes of a class.\n\n" +
      "The grammar (tree-sitter-python) accepts all of these: the rule reads node kinds and token text.\n\n" +
      VERDICT,
    example: { language: "python", bad: 'print(f"tabla {nombre}")', good: 'print("tabla {}".format(nombre))' },
  },
  {
    code: "PY004",
    protectsProduction: true,
    name: "newer-stdlib",
    severity: "error",
    category: "python",
    title: {
      en: "Standard-library API newer than the target Python version.",
      es: "API de la librería estándar más nueva que la versión de Python objetivo.",
    },
    message: {
      en: "%s appeared in Python %s; the routine runs on Python %s.",
      es: "%s apareció en Python %s; la rutina se ejecuta en Python %s.",
    },
    fix: {
      en: "Use an equivalent available in the target version, or a backport package declared in the routine's requirements.",
      es: "Use un equivalente disponible en la versión objetivo, o un paquete backport declarado en los requirements de la rutina.",
    },
    why:
      "An import or call that does not exist in Python 3.5 fails at run time (ImportError, AttributeError, TypeError on a " +
      "keyword) — often only on the branch that uses it. What PY004 catches:\n" +
      "- modules, functions, classes, exceptions, constants and methods newer than the target, and keyword arguments added " +
      "to existing callables, wherever the code reaches them: imports (`from x import y as z`, `import a.b as c`, " +
      '`importlib.import_module("zoneinfo")`), attribute chains on imported names, builtins (`breakpoint`, `aiter`, ' +
      "`ExceptionGroup`, `ModuleNotFoundError`, …) and values whose type the code makes plain: literals, constructor calls, " +
      'alternate constructors, a few well-known results and simple assignments (`Path(p).write_text(s, newline="")`, ' +
      "`datetime.datetime.now().isoformat(timespec=…)`, `log = logging.getLogger(); log.warning(…, stacklevel=2)`, " +
      '`nombre.removeprefix(…)` after `nombre = "…"`);\n' +
      "- code Python 3.5 evaluates although it reads like a type: annotations of parameters, return values and module or " +
      "class variables, and default values — `list[int]` (3.9), `X | Y` between types (3.10), `|` and `|=` on dicts (3.9), " +
      "`reversed(dict)` (3.8). Local variable annotations, string annotations and files with `from __future__ import " +
      "annotations` are not evaluated.\n\n" +
      "A method called on a value of unknown type is not a finding (a class of the routine may have it), nor is a name the " +
      "file defines itself, nor an import of the routine's own module of that name.\n\n" +
      "**The data** (core/python/stdlibData.json) is generated by `scripts/python-data/stdlib_data.py`, run by hand: it " +
      "imports every public module of CPython 3.6 to 3.13 (pyenv builds) in each interpreter, records the first version " +
      "that has each module, member and keyword parameter (`inspect.signature`, or the docstring's signature where that " +
      "fails), and for what 3.6 already has, asks CPython's library reference (`versionadded` / `versionchanged` 3.6) " +
      "whether 3.5 lacked it. Names a 3.5 maintenance release added (typing's backports) are not findings. " +
      "docs/python-stdlib-coverage.md compares it with vermin's rules.\n\n" +
      GUARDS +
      "\n\n" +
      VERDICT,
    example: {
      language: "python",
      bad: "subprocess.run(cmd, capture_output=True)",
      good: "subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)",
    },
  },
] satisfies Rule[];
