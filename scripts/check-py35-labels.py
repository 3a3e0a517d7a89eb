#!/usr/bin/env python3
"""Checks every label of the Python 3.5 corpus (test/fixtures/py35/labels.json) against real CPython.

    python3 scripts/check-py35-labels.py [--pyenv DIR] [--jobs N] [FILE ...]

  syntax-error  fails to compile on 2.7 and on every 3.6-3.13 (with a SyntaxError)
  py2           runs on 2.7; fails (to compile or to run) on every 3.6-3.13
  needs 3.N     runs on 3.N and every later 3.x; fails on every 3.6 to 3.(N-1). For 3.6 (there is no 3.5
                here): runs on 3.6 and later, and uses something the docs date to 3.6 (see below)
  ok            runs on 3.6 and uses nothing the docs date to 3.6, except what its "guarded" entry lists

"Dated to 3.6" is read by a static pass, run inside Python 3.6 itself: 3.6 syntax (f-strings, variable
annotations, underscores in numbers, async generators and comprehensions, trailing commas after *args) and
the 3.6 entries of core/python/stdlibData.json (modules, members, keyword arguments, path-like
arguments, behaviours). Needs CPython 2.7 and 3.6-3.13 (pyenv builds); says which are missing and stops.
Each file runs in its own temporary folder, isolated (-I / -E -s), with a timeout.
"""
import argparse
import ast
import glob
import io
import json
import os
import subprocess
import sys
import tempfile
import tokenize

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.path.join(ROOT, "test", "fixtures", "py35")
DATA = os.path.join(ROOT, "core", "python", "stdlibData.json")
VERSIONS = ["2.7", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]
PY3 = VERSIONS[1:]
TIMEOUT = 30
COMPILE = "import sys; compile(open(sys.argv[1], 'rb').read(), sys.argv[1], 'exec')"


# --- the 3.6 evidence pass (runs inside Python 3.6: keep this part 3.6 syntax) -----------------------

# Classes whose alternate constructors return an instance of the class (datetime.datetime.now()).
ALTERNATE_CONSTRUCTORS = {
    "now", "today", "utcnow", "fromtimestamp", "utcfromtimestamp", "strptime", "combine", "fromordinal",
    "cwd", "home",
}
KNOWN_CLASSES = {
    "datetime.datetime", "datetime.date", "datetime.time", "datetime.timedelta", "pathlib.Path",
    "pathlib.PurePath", "pathlib.PosixPath", "pathlib.PurePosixPath", "logging.Logger",
}
PATH_CLASSES = {"pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "pathlib.PurePosixPath"}


def load_36(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    modules = set(data["modules"].get("3.6", "").split())
    members = set()
    for parent, names in data["members"].get("3.6", {}).items():
        for token in names.split():
            name = token[:-2] if token.endswith("()") else token
            members.add(name if parent == "builtins" else parent + "." + name)
    params = set()
    for key, names in data["params"].get("3.6", {}).items():
        for name in names.split():
            params.add((key, name))
    pathlike = set(data["pathlike"].get("3.6", "").split())
    return modules, members, params, pathlike


class Evidence(ast.NodeVisitor):
    """What a file uses that the docs date to 3.6: [(line, what, name)]."""

    def __init__(self, data, source):
        self.modules, self.members, self.params, self.pathlike = data
        self.source = source
        self.found = []
        self.bindings = {}  # local name -> qualified name of what it was imported as
        self.instances = {}  # local name -> qualified class of the value assigned to it
        self.user_names = set()
        self.function_stack = []

    def add(self, node, what, name):
        self.found.append((getattr(node, "lineno", 0), what, name))

    # names -----------------------------------------------------------------------------------------
    def qualify(self, node):
        """Dotted name of an expression built from an imported name (os.path.join -> os.path.join)."""
        parts = []
        while isinstance(node, ast.Attribute):
            parts.insert(0, node.attr)
            node = node.value
        if isinstance(node, ast.Name) and node.id in self.bindings:
            return ".".join([self.bindings[node.id]] + parts)
        if isinstance(node, ast.Name) and not parts and node.id not in self.user_names:
            return node.id  # a builtin
        return None

    def type_of(self, node):
        """The class of an expression's value when it is plain to see (a literal, a constructor call)."""
        if isinstance(node, ast.Str):
            return "str"
        if isinstance(node, ast.Bytes):
            return "bytes"
        if isinstance(node, ast.Num):
            return type(node.n).__name__
        if isinstance(node, (ast.List, ast.ListComp)):
            return "list"
        if isinstance(node, (ast.Dict, ast.DictComp)):
            return "dict"
        if isinstance(node, ast.Name) and node.id in self.instances:
            return self.instances[node.id]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            left = self.type_of(node.left)
            if left in PATH_CLASSES:
                return left
        if isinstance(node, ast.Call):
            callee = self.qualify(node.func)
            if callee is None and isinstance(node.func, ast.Attribute):
                owner = self.type_of(node.func.value)
                if owner in PATH_CLASSES and node.func.attr in ("joinpath", "resolve", "with_name", "absolute"):
                    return owner
                return None
            if callee in KNOWN_CLASSES or (callee and callee.split(".")[-1][:1].isupper() and "." in callee):
                return callee
            if callee and callee.rsplit(".", 1)[-1] in ALTERNATE_CONSTRUCTORS and "." in callee:
                return callee.rsplit(".", 1)[0]
        return None

    def check_name(self, node, qualified):
        if not qualified:
            return
        parts = qualified.split(".")
        for i in range(1, len(parts) + 1):
            prefix = ".".join(parts[:i])
            if prefix in self.modules:
                self.add(node, "module", prefix)
                return
            if prefix in self.members:
                self.add(node, "name", prefix)
                return

    # imports ----------------------------------------------------------------------------------------
    def visit_Import(self, node):
        for alias in node.names:
            if alias.asname:
                self.bindings[alias.asname] = alias.name
            else:
                head = alias.name.split(".")[0]
                self.bindings[head] = head
            self.check_name(node, alias.name)

    def visit_ImportFrom(self, node):
        if node.level or not node.module:
            return
        for alias in node.names:
            if alias.name == "*":
                continue
            qualified = node.module + "." + alias.name
            self.bindings[alias.asname or alias.name] = qualified
            self.check_name(node, qualified)

    # syntax -----------------------------------------------------------------------------------------
    def visit_JoinedStr(self, node):
        self.add(node, "syntax", "f-string")
        self.generic_visit(node)

    def visit_AnnAssign(self, node):
        self.add(node, "syntax", "variable annotation")
        self.generic_visit(node)

    def visit_AsyncFunctionDef(self, node):
        self.function_stack.append(node)
        for child in ast.walk(node):
            if isinstance(child, (ast.Yield, ast.YieldFrom)) and self.owner(node, child) is node:
                self.add(child, "syntax", "async generator")
                break
        self.generic_visit(node)
        self.function_stack.pop()

    def visit_FunctionDef(self, node):
        self.function_stack.append(node)
        self.generic_visit(node)
        self.function_stack.pop()

    def owner(self, root, target):
        """The innermost function of root's subtree that contains target."""
        best = root
        for child in ast.walk(root):
            if child is not root and isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                if any(n is target for n in ast.walk(child)):
                    best = child
        return best

    def visit_comprehension(self, node):
        if getattr(node, "is_async", 0):
            self.add(node.target, "syntax", "async comprehension")
        self.generic_visit(node)

    def visit_ListComp(self, node):
        self.comprehension_awaits(node)
        self.generic_visit(node)

    visit_SetComp = visit_DictComp = visit_GeneratorExp = visit_ListComp

    def comprehension_awaits(self, node):
        if self.function_stack and isinstance(self.function_stack[-1], ast.AsyncFunctionDef):
            for child in ast.walk(node):
                if isinstance(child, ast.Await):
                    self.add(child, "syntax", "await in a comprehension")
                    return

    # uses -------------------------------------------------------------------------------------------
    def visit_Assign(self, node):
        self.generic_visit(node)
        kind = self.type_of(node.value)
        for target in node.targets:
            if isinstance(target, ast.Name):
                if kind:
                    self.instances[target.id] = kind
                else:
                    self.instances.pop(target.id, None)

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Load) and node.id not in self.user_names and node.id not in self.bindings:
            if node.id in self.members:
                self.add(node, "name", node.id)

    def visit_Attribute(self, node):
        qualified = self.qualify(node)
        if qualified and "." in qualified:
            self.check_name(node, qualified)
        else:
            owner = self.type_of(node.value)
            if owner:
                self.check_name(node, owner + "." + node.attr)
            self.generic_visit(node)

    def visit_Call(self, node):
        self.generic_visit(node)
        callee = self.qualify(node.func)
        if callee is None and isinstance(node.func, ast.Attribute):
            owner = self.type_of(node.func.value)
            if owner:
                callee = owner + "." + node.func.attr
        if callee is None:
            return
        for keyword in node.keywords:
            if keyword.arg and (callee, keyword.arg) in self.params:
                self.add(node, "keyword", "%s(%s=)" % (callee, keyword.arg))
        if callee in self.pathlike and any(self.type_of(a) in PATH_CLASSES for a in node.args):
            self.add(node, "path-like argument", callee)
        self.features(node, callee)

    def features(self, node, callee):
        strings = [a.s for a in node.args if isinstance(a, ast.Str)]
        if callee == "format" and len(node.args) == 2 and strings and "_" in strings[-1]:
            self.add(node, "feature", "format-spec '_'")
        if callee in ("int", "float", "complex", "decimal.Decimal") and strings:
            if any(c.isdigit() and "_" in s for s in strings for c in s):
                self.add(node, "feature", "underscores in %s() strings" % callee)
        if callee in ("json.loads",) and node.args and isinstance(node.args[0], ast.Bytes):
            self.add(node, "feature", "json.loads() of bytes")
        if callee and callee.startswith("struct.") and strings and "e" in strings[0]:
            self.add(node, "feature", "struct format 'e'")
        if callee and callee.startswith("re.") and strings and ("(?i:" in strings[0] or "(?-" in strings[0]):
            self.add(node, "feature", "re scoped inline flags")
        if callee and callee.endswith("strptime") and any(d in s for s in strings for d in ("%G", "%V", "%u")):
            self.add(node, "feature", "strptime %G %V %u")
        if isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            if isinstance(node.func.value, ast.Str) and ":_" in node.func.value.s:
                self.add(node, "feature", "format-spec '_'")


def user_names(tree):
    """Names the file binds itself (def, class, assignment, parameter): never builtins or imports."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    return names


def trailing_commas(source):
    """Lines of a def or lambda whose parameters end in a comma after *args, **kwargs or a bare *."""
    found = []
    tokens = [t for t in tokenize.generate_tokens(io.StringIO(source).readline)]
    for i, tok in enumerate(tokens):
        if tok.type != tokenize.NAME or tok.string not in ("def", "lambda"):
            continue
        j = i + 1
        if tok.string == "def":
            while j < len(tokens) and tokens[j].string != "(":
                j += 1
            j += 1
            closer = ")"
        else:
            closer = ":"
        depth, starred, last = 0, False, None
        while j < len(tokens):
            s = tokens[j].string
            if depth == 0 and s == closer:
                if last == "," and starred:
                    found.append(tok.start[0])
                break
            if s in "([{":
                depth += 1
            elif s in ")]}":
                depth -= 1
            elif depth == 0 and s in ("*", "**"):
                starred = True
            if tokens[j].type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
                last = s
            j += 1
    return found


def evidence(data, path):
    with open(path, encoding="utf-8") as f:
        source = f.read()
    tree = ast.parse(source, path)
    visitor = Evidence(data, source)
    visitor.user_names = user_names(tree)
    visitor.visit(tree)
    found = list(visitor.found)
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.NUMBER and "_" in tok.string:
            found.append((tok.start[0], "syntax", "underscore in number"))
    for line in trailing_commas(source):
        found.append((line, "syntax", "trailing comma after *args or **kwargs"))
    return sorted(set(found))


def evidence_main(data_path, paths):
    data = load_36(data_path)
    out = {}
    for path in paths:
        try:
            out[path] = evidence(data, path)
        except SyntaxError as e:
            out[path] = "does not parse on 3.6: %s" % e
    print(json.dumps(out))


# --- the checks ------------------------------------------------------------------------------------


def interpreters(pyenv):
    found, missing = {}, []
    for v in VERSIONS:
        hits = sorted(glob.glob(os.path.join(pyenv, v + ".*", "bin", "python")))
        if hits:
            found[v] = hits[-1]
        else:
            missing.append(v)
    return found, missing


def run(python, version, args, path):
    """(ok, last line of stderr) of python ARGS on one file, in a fresh temporary folder."""
    flags = ["-E", "-s", "-B"] if version == "2.7" else ["-I", "-B"]
    with tempfile.TemporaryDirectory() as tmp:
        env = {"PATH": "/usr/bin:/bin", "HOME": tmp, "TMPDIR": tmp, "PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8"}
        try:
            r = subprocess.run(
                [python] + flags + args + [path],
                cwd=tmp,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                timeout=TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            return False, "timed out after %d s" % TIMEOUT
    lines = r.stderr.decode("utf-8", "replace").strip().splitlines()
    return r.returncode == 0, lines[-1] if lines else ""


def check(entry, path, py, found):
    """The problems with one file's label, [] when the interpreters agree with it."""
    label = entry["label"]
    problems = []
    if label == "syntax-error":
        for v in VERSIONS:
            ok, err = run(py[v], v, ["-c", COMPILE], path)
            if ok:
                problems.append("compiles on %s" % v)
            elif "Error" in err and not any(e in err for e in ("SyntaxError", "IndentationError", "TabError")):
                problems.append("on %s fails with %s, not a SyntaxError" % (v, err))
        return problems
    if label == "py2":
        ok, err = run(py["2.7"], "2.7", [], path)
        if not ok:
            problems.append("does not run on 2.7: " + err)
        for v in PY3:
            if run(py[v], v, [], path)[0]:
                problems.append("runs on %s" % v)
        return problems
    if label == "ok":
        ok, err = run(py["3.6"], "3.6", [], path)
        if not ok:
            problems.append("does not run on 3.6: " + err)
        problems += unguarded(entry, found)
        return problems
    if label.startswith("needs 3."):
        need = label.split()[1]
        if need not in PY3:
            return ["unknown version in label"]
        for v in PY3:
            ok, err = run(py[v], v, [], path)
            if PY3.index(v) < PY3.index(need) and ok:
                problems.append("runs on %s" % v)
            if PY3.index(v) >= PY3.index(need) and not ok:
                problems.append("does not run on %s: %s" % (v, err))
        if need == "3.6":
            if isinstance(found, str):
                problems.append(found)
            elif not [f for f in found if f[2] not in guarded_names(entry)]:
                problems.append("nothing in it is dated 3.6 by the docs or the data")
        return problems
    return ["unknown label %r" % label]


def guarded_names(entry):
    return {g["name"] for g in entry.get("guarded", [])}


def unguarded(entry, found):
    if isinstance(found, str):
        return [found]
    allowed = guarded_names(entry)
    return ["uses %s %s (line %d), dated 3.6" % (what, name, line) for line, what, name in found if name not in allowed]


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--evidence":
        evidence_main(sys.argv[2], sys.argv[3:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pyenv", default=os.path.join(os.environ.get("PYENV_ROOT", "/root/.pyenv"), "versions"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("files", nargs="*", help="only these files of the corpus (paths relative to it)")
    args = ap.parse_args()
    py, missing = interpreters(args.pyenv)
    if missing:
        print(
            "check-py35-labels: CPython %s not found under %s (pyenv builds <version>/bin/python): the labels "
            "can only be checked against every interpreter 2.7 and 3.6-3.13; nothing was checked."
            % (", ".join(missing), args.pyenv)
        )
        return 2
    with open(os.path.join(CORPUS, "labels.json"), encoding="utf-8") as f:
        files = json.load(f)["files"]
    names = args.files or sorted(files)
    needs_evidence = [n for n in names if files[n]["label"] in ("ok", "needs 3.6")]
    r = subprocess.run(
        [py["3.6"], "-I", "-B", os.path.abspath(__file__), "--evidence", DATA]
        + [os.path.join(CORPUS, n) for n in needs_evidence],
        stdout=subprocess.PIPE,
        check=True,
        timeout=600,
    )
    found = {os.path.relpath(k, CORPUS): v for k, v in json.loads(r.stdout.decode()).items()}
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda n: (n, check(files[n], os.path.join(CORPUS, n), py, found.get(n, []))), names))
    bad = [(n, p) for n, p in results if p]
    for n, problems in bad:
        print("%s [%s]: %s" % (n, files[n]["label"], "; ".join(problems)))
    print(
        "check-py35-labels: %d of %d labels agree with CPython %s"
        % (len(results) - len(bad), len(results), ", ".join(VERSIONS))
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
