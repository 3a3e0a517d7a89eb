#!/usr/bin/env python3
"""Builds core/python/stdlibData.json: when each standard-library module, function, class,
method, constant and keyword parameter that Python 3.6-3.13 added first appeared, read from the
interpreters themselves, and for what 3.6 already has, from CPython's documentation (was it new in
3.6, or already in 3.5?). Run by hand; its output is committed with a header that says how it was made.

    python3 scripts/python-data/stdlib_data.py --docs PATH [--docs-label TEXT] [--vermin PATH]

  --docs    a CPython checkout (Doc/library/*.rst) or a built copy of the docs (_sources/library/*.rst.txt,
            e.g. Debian's python3.11-doc: /usr/share/doc/python3.11/html)
  --vermin  a checkout of github.com/netromdk/vermin: writes the coverage report that compares the data
            with vermin's rules (docs/python-stdlib-coverage.md); without it the report is left as it is
  --docs-label, --vermin-label  what those folders are, for the header (default: their git commit)
  --pyenv   where the interpreters live (default $PYENV_ROOT/versions or /root/.pyenv/versions)

Needs CPython 3.6, 3.7, 3.8, 3.9, 3.10, 3.11, 3.12 and 3.13 (pyenv builds); says which are missing and
stops when one is. Each interpreter runs scripts/python-data/probe.py in its own process, with a timeout.
"""
import argparse
import glob
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import docnotes  # noqa: E402

VERSIONS = ["3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]
PROBE_TIMEOUT = 600
OUT = os.path.join(ROOT, "core", "python", "stdlibData.json")
REPORT = os.path.join(ROOT, "docs", "python-stdlib-coverage.md")
# Modules no routine imports whose additions would only weigh on the bundle: Python's own packaging,
# codecs internals, 2to3, IDLE.
EXCLUDED_PREFIXES = ("encodings", "distutils", "lib2to3", "idlelib", "ensurepip", "pydoc_data", "ctypes.macholib")
# Functions that pass **kwargs on to another callable: they take that callable's keyword arguments too
# (subprocess.run(text=True) is Popen's text, 3.7).
FORWARDS = {
    "subprocess.run": "subprocess.Popen",
    "subprocess.call": "subprocess.Popen",
    "subprocess.check_call": "subprocess.Popen",
    "subprocess.check_output": "subprocess.Popen",
}
# logging's calls pass **kwargs to Logger._log; the docs date its keywords on Logger.debug
# (stacklevel, 3.8), which every other level and the module functions refer to.
for _level in ("debug", "info", "warning", "warn", "error", "critical", "exception", "log"):
    for _owner in ("logging", "logging.Logger", "logging.LoggerAdapter"):
        if _owner + "." + _level != "logging.Logger.debug":
            FORWARDS[_owner + "." + _level] = "logging.Logger.debug"
# Behaviours that are neither a name nor a parameter, each tried in every interpreter: the first that
# runs it is its version (3.6 ones are dated by the docs note cited).
FEATURES = [
    ("format-spec '_' thousands separator", "format(1234567, '_')", "string: versionchanged 3.6, the '_' option"),
    ("format-spec '_' with b/o/x/X", "format(255, '_x')", "string: versionchanged 3.6, the '_' option"),
    ("format-spec 'z' (negative zero to zero)", "format(-0.0, 'z.1f')", ""),
    ("underscores in int()/float()/complex() strings", "int('1_000') + float('1_0.5')", "functions: int, float 3.6"),
    ("re: scoped inline flags (?i:...)", "__import__('re').compile('(?i:a)b')", "re: versionadded 3.6"),
    ("re: \\N{name} escapes", "__import__('re').compile(r'\\N{EM DASH}')", ""),
    ("re: atomic groups (?>...) and possessive quantifiers", "__import__('re').compile('(?>a)b*+')", ""),
    ("json.loads() of bytes", "__import__('json').loads(b'{}')", "json: versionchanged 3.6, s can be bytes"),
    ("struct format 'e' (half float)", "__import__('struct').pack('e', 1.0)", "struct: versionadded 3.6"),
    ("array typecode 'w'", "__import__('array').array('w', 'a')", ""),
    ("strptime %G %V %u", "__import__('time').strptime('2020 01 1', '%G %V %u')", "datetime: versionadded 3.6"),
    ("os functions accept os.PathLike (pathlib.Path)", "__import__('os').fspath", "os: versionadded 3.6"),
]


def interpreters(pyenv):
    found, missing = {}, []
    for v in VERSIONS:
        hits = sorted(glob.glob(os.path.join(pyenv, v + ".*", "bin", "python")))
        if hits:
            found[v] = hits[-1]
        else:
            missing.append(v)
    return found, missing


def run_probe(version, python, tmp):
    out = os.path.join(tmp, version + ".json")
    try:
        subprocess.run(
            [python, "-I", os.path.join(HERE, "probe.py"), out],
            cwd=tmp,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=PROBE_TIMEOUT,
            check=True,
        )
    except subprocess.TimeoutExpired:
        raise SystemExit("probe on Python %s took more than %d s" % (version, PROBE_TIMEOUT))
    except subprocess.CalledProcessError as e:
        raise SystemExit("probe on Python %s failed:\n%s" % (version, e.stderr.decode(errors="replace")[-2000:]))
    with open(out) as f:
        data = json.load(f)
    features = {}
    for name, expr, _ in FEATURES:
        r = subprocess.run([python, "-I", "-c", expr], stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
        features[name] = r.returncode == 0
    data["features"] = features
    return data


def vkey(v):
    return tuple(int(x) for x in v.split("."))


def excluded(key):
    return any(key == p or key.startswith(p + ".") for p in EXCLUDED_PREFIXES)


def undocumented(facts, documented, key):
    """A name of a module the library reference does not document (asyncio.base_events, an
    implementation detail), unless the docs document the object itself
    (xml.etree.ElementInclude.include); modules newer than the docs used (3.12, 3.13) are kept."""
    modules, objects = documented
    module = facts.module_of(key.split("(")[0], VERSIONS[-1])
    if module == "builtins" or module in modules:
        return False
    parts = key.split(".")
    if any(".".join(parts[:i]) in objects for i in range(len(parts), len(module.split(".")), -1)):
        return False
    first = next((v for v in VERSIONS if facts.modules[v].get(module) is not None), None)
    return first is None or vkey(first) < (3, 12)


class Facts:
    """What each interpreter has, answered per name."""

    def __init__(self, probes):
        self.p = probes
        self.modules = {v: probes[v]["modules"] for v in VERSIONS}
        self.names = {v: probes[v]["names"] for v in VERSIONS}
        self.present = {v: probes[v].get("present", {}) for v in VERSIONS}

    def module_of(self, key, v):
        """The longest prefix of key that is a module in v (builtins for an unqualified key)."""
        parts = key.split(".")
        for i in range(len(parts), 0, -1):
            prefix = ".".join(parts[:i])
            if prefix in self.modules[v]:
                return prefix
        for u in VERSIONS:  # a module of another version (removed, or not yet added)
            for i in range(len(parts), 0, -1):
                if ".".join(parts[:i]) in self.modules[u]:
                    return ".".join(parts[:i])
        return "builtins"

    def state(self, key, v):
        """'yes', 'no' or 'unknown' (its module exists in v but failed to import there)."""
        if key in self.modules[v]:
            return "yes" if self.modules[v][key] else "unknown"
        if key in self.names[v] or key in self.present[v]:
            return "yes"
        module = self.module_of(key, v)
        if module != "builtins" and self.modules[v].get(module) is False:
            return "unknown"
        return "no"

    def kind(self, key):
        for v in VERSIONS:
            if key in self.modules[v]:
                return "module"
            if key in self.names[v]:
                return self.names[v][key]
        return None

    def params(self, key, v):
        """(keyword parameter names or None when unreadable, accepts **kwargs, docstring names or None)."""
        got = self.p[v]["params"].get(key, "absent")
        if got == "absent":
            return "absent", False, None
        if got is None:
            return None, False, self.p[v]["docparams"].get(key)
        own = [p for p in got if p != "**"]
        var_kw = "**" in got
        if var_kw and key in FORWARDS:
            target, target_kw, _ = self.params(FORWARDS[key], v)
            if isinstance(target, list):
                own = own + [p for p in target if p not in own]
                var_kw = target_kw
        return own, var_kw, None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", required=True)
    ap.add_argument("--docs-label", default="")
    ap.add_argument("--vermin")
    ap.add_argument("--vermin-label", default="", help="what the vermin folder is, when it is not a git checkout")
    ap.add_argument("--pyenv", default=os.path.join(os.environ.get("PYENV_ROOT", "/root/.pyenv"), "versions"))
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--report", default=REPORT)
    args = ap.parse_args()

    found, missing = interpreters(args.pyenv)
    if missing:
        raise SystemExit(
            "stdlib_data: CPython %s not found under %s (pyenv builds <version>/bin/python are expected);"
            " the data is made from every interpreter 3.6-3.13, nothing was written." % (", ".join(missing), args.pyenv)
        )
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(max_workers=2) as pool:
        jobs = {v: pool.submit(run_probe, v, found[v], tmp) for v in VERSIONS}
        probes = {v: jobs[v].result() for v in VERSIONS}
    facts = Facts(probes)
    notes = docnotes.read_notes(args.docs)
    docs_hash = hashlib.sha256()
    for _, path in docnotes.doc_files(args.docs):
        with open(path, "rb") as f:
            docs_hash.update(f.read())
    docs_commit = ""
    if os.path.isdir(os.path.join(args.docs, ".git")):
        docs_commit = subprocess.run(
            ["git", "-C", args.docs, "rev-parse", "HEAD"], capture_output=True, text=True
        ).stdout.strip()

    documented = (docnotes.documented_modules(args.docs), docnotes.documented_objects(args.docs))
    data = build(facts, notes, documented)
    about = {
        "generator": "scripts/python-data/stdlib_data.py (run by hand; see its docstring)",
        "interpreters": {v: probes[v]["version"] for v in VERSIONS},
        "docs": args.docs_label or docs_commit or args.docs,
        "docsSha256": docs_hash.hexdigest(),
        "format": (
            "Only what is newer than Python 3.5. modules: version -> space-separated module names. "
            "members: version -> parent -> space-separated names defined on it (parent is a module, a class "
            "such as pathlib.Path, a builtin type such as str, or builtins for the builtin functions); a "
            "trailing () marks a function or method. params: version -> callable -> keyword parameters it "
            "accepts since that version. pathlike: callables that accept os.PathLike since 3.6. features: "
            "version -> behaviours that are not names. since35: names a 3.5 maintenance release added "
            "(3.5.2, 3.5.3, 3.5.4: typing backports). A member or parameter no newer than its parent is left "
            "out: the parent's version covers it."
        ),
    }
    out = {"about": about}
    out.update(data["out"])
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("stdlib_data: wrote %s (%d bytes)" % (os.path.relpath(args.out, ROOT), os.path.getsize(args.out)))
    for kind, count in sorted(data["counts"].items()):
        print("  %-22s %d" % (kind, count))
    if args.vermin:
        import coverage

        coverage.write_report(args.report, args.vermin, facts, data, about, args.vermin_label)
        print("stdlib_data: wrote %s" % os.path.relpath(args.report, ROOT))
    else:
        print("stdlib_data: no --vermin checkout given; the coverage report was left as it is")


def build(facts, notes, documented):
    """First versions of every name and parameter; returns the compact output and what was decided."""
    decided = {}  # key -> (version, kind, source)
    params = {}  # (callable, param) -> (version, source)
    uncertain = []  # (key, why)
    dropped = []

    all_keys = set()
    for v in VERSIONS:
        all_keys.update(k for k, ok in facts.modules[v].items())
        all_keys.update(facts.names[v])
    doc = docs_dates(facts, notes)
    pathlike, unattached, micro = doc["pathlike"], doc["unattached"], doc["micro"]

    skipped = set()
    for key in sorted(all_keys):
        if excluded(key) or undocumented(facts, documented, key):
            skipped.add(key)
            continue
        states = [facts.state(key, v) for v in VERSIONS]
        if "yes" not in states:
            continue
        first = states.index("yes")
        kind = facts.kind(key)
        dated = doc["entities"].get(key)
        parent = key.rpartition(".")[0]
        if facts.names[VERSIONS[first]].get(parent) in ("class", "exception") and any(
            facts.names[u].get(parent) in ("function", "method") for u in VERSIONS[:first]
        ):
            # Its parent was a function before it became a class (threading.Lock in 3.13): the
            # methods were there all along, on the objects the function made.
            uncertain.append((key, "its parent %s was not a class before Python %s" % (parent, VERSIONS[first])))
            continue
        if dated and not dated[2] and kind != "module" and vkey(dated[0]) < vkey(VERSIONS[first]):
            # The docs date it earlier than the interpreters here show it: an optional build feature
            # these builds lack (hashlib.scrypt needs OpenSSL 1.1 on 3.6). The docs know the version.
            if vkey(dated[0]) > (3, 5):
                decided[key] = (dated[0], kind, "docs: %s; missing from this build of %s" % (dated[1], VERSIONS[first - 1]))
            continue
        if (
            dated
            and not dated[3]
            and kind not in ("class", "exception", "module")
            and vkey(dated[0]) > vkey(VERSIONS[first])
            and backport(facts, key, dated)
        ):
            # The docs date it later than the first interpreter here that has it: a maintenance release
            # of that line got it as a backport (sys.get_int_max_str_digits in 3.7.14); x.y.0 lacks it.
            decided[key] = (dated[0], kind, "docs: %s; backported to %s.x" % (dated[1], VERSIONS[first]))
        elif first == 0:
            if dated and dated[0] == "3.6":
                decided[key] = (dated[0], kind, "docs: " + dated[1])
        elif dated and kind == "attribute" and dated[0] != VERSIONS[first] and not dated[2]:
            # Set on instances before it showed on the class (uuid.UUID.is_safe): the docs know better.
            decided[key] = (dated[0], kind, "docs: " + dated[1])
        elif "unknown" in states[:first] and not dated:
            uncertain.append((key, "its module did not import on Python " + VERSIONS[states.index("unknown")]))
        else:
            decided[key] = (VERSIONS[first], kind, "interpreters")

    callables = set()
    for v in VERSIONS:
        callables.update(facts.p[v]["params"])
    for key in sorted(callables):
        if excluded(key) or undocumented(facts, documented, key):
            continue
        per = [facts.params(key, v) for v in VERSIONS]
        names = []
        for got, _, _ in per:
            if isinstance(got, list):
                names += [n for n in got if n not in names]
        for name in names:
            first = next(i for i, (got, _, _) in enumerate(per) if isinstance(got, list) and name in got)
            dated = doc["params"].get((key, name)) or doc["params"].get((FORWARDS.get(key), name))
            if dated and vkey(dated[0]) > vkey(VERSIONS[first]):
                params[(key, name)] = (dated[0], "docs: %s; backported to %s.x" % (dated[1], VERSIONS[first]))
                continue
            if first == 0:
                if dated and dated[0] == "3.6":
                    params[(key, name)] = (dated[0], "docs: " + dated[1])
                continue
            before, var_kw, _ = per[first - 1]
            if before == "absent":
                continue  # the callable itself is new (or came back): its own version covers the parameter
            if isinstance(before, list) and not var_kw:
                params[(key, name)] = (VERSIONS[first], "interpreters")
            elif dated:
                # No signature to compare with before (a C function without one, or **kwargs): the docs date it.
                params[(key, name)] = (dated[0], "docs: " + dated[1])
            else:
                reason = "took **kwargs" if var_kw else "has no readable signature"
                uncertain.append(("%s(%s)" % (key, name), "on Python %s it %s" % (VERSIONS[first - 1], reason)))

    # Keywords only the docs can date: no interpreter shows them in a signature (a C method without one,
    # such as datetime.isoformat's timespec, or a function that takes them through **kwargs).
    docs_only = [(k, n, d) for (k, n), d in doc["params"].items()]
    docs_only += [(f, n, d) for (t, n), d in doc["params"].items() for f, target in FORWARDS.items() if target == t]
    for key, name, (version, where) in docs_only:
        if (key, name) in params or excluded(key) or undocumented(facts, documented, key):
            continue
        per = [facts.params(key, v) for v in VERSIONS]
        if all(got == "absent" for got, _, _ in per):
            continue
        readable = [(got, var_kw) for got, var_kw, _ in per if isinstance(got, list)]
        if any(name in got for got, _ in readable) or not all(var_kw for _, var_kw in readable):
            continue  # the interpreters decided it (or show it cannot be passed by keyword)
        params[(key, name)] = (version, "docs: %s; no signature shows it" % where)

    # Leave out what its parent covers: a member no newer than its module or class.
    def parent_version(key):
        parts = key.split(".")
        for i in range(len(parts) - 1, 0, -1):
            prefix = ".".join(parts[:i])
            if prefix in decided:
                return decided[prefix][0]
        return None

    kept = {}
    implied = 0
    for key, (version, kind, source) in decided.items():
        pv = parent_version(key)
        if pv and vkey(pv) >= vkey(version):
            implied += 1
            continue
        kept[key] = (version, kind, source)
    kept_params = {}
    for (key, name), (version, source) in params.items():
        pv = decided.get(key, (None,))[0] or parent_version(key)
        if pv and vkey(pv) >= vkey(version):
            implied += 1
            continue
        kept_params[(key, name)] = (version, source)

    out = {"modules": {}, "members": {}, "params": {}, "pathlike": {"3.6": ""}, "features": {}, "since35": {}}
    counts = {}
    for key in sorted(kept, key=lambda k: (vkey(kept[k][0]), k)):
        version, kind, _ = kept[key]
        counts[kind] = counts.get(kind, 0) + 1
        if kind == "module":
            out["modules"][version] = (out["modules"].get(version, "") + " " + key).strip()
            continue
        parent, _, name = key.rpartition(".")
        parent = parent or "builtins"
        token = name + ("()" if kind in ("function", "method") else "")
        bucket = out["members"].setdefault(version, {})
        bucket[parent] = (bucket.get(parent, "") + " " + token).strip()
    for (key, name) in sorted(kept_params, key=lambda k: (vkey(kept_params[k][0]), k)):
        version, _ = kept_params[(key, name)]
        counts["keyword argument"] = counts.get("keyword argument", 0) + 1
        bucket = out["params"].setdefault(version, {})
        bucket[key] = (bucket.get(key, "") + " " + name).strip()
    out["pathlike"]["3.6"] = " ".join(sorted(pathlike))
    for key in sorted(micro, key=lambda k: (vkey(micro[k]), k)):
        out["since35"][micro[key]] = (out["since35"].get(micro[key], "") + " " + key).strip()
    counts["3.5 maintenance release"] = len(micro)
    counts["path-like (3.6)"] = len(pathlike)
    for name, expr, source in FEATURES:
        states = [facts.p[v]["features"][name] for v in VERSIONS]
        if True not in states:
            continue
        first = states.index(True)
        if first == 0 and not source:
            continue
        out["features"].setdefault(VERSIONS[first], []).append(name)
        counts["feature"] = counts.get("feature", 0) + 1
    out["features"] = {v: " | ".join(names) for v, names in out["features"].items()}
    # Sort the version keys numerically.
    for section in ("modules", "members", "params", "features"):
        out[section] = dict(sorted(out[section].items(), key=lambda kv: vkey(kv[0])))
    return {
        "out": out,
        "counts": counts,
        "decided": decided,
        "params": params,
        "kept": kept,
        "kept_params": kept_params,
        "uncertain": uncertain,
        "dropped": dropped,
        "implied": implied,
        "sources": {k: v[2] for k, v in kept.items()},
        "param_sources": {"%s(%s)" % k: v[1] for k, v in kept_params.items()},
        "unattached": unattached,
        "skipped": skipped,
    }


def micro_part(version):
    """The maintenance release a note names ("3.11.10" -> "10"; Debian's own "3.11.2-6+deb12u5" too)."""
    parts = version.split(".")
    return ".".join(parts[2:])


def backport(facts, key, dated):
    """Whether a docs date later than the interpreters' is a backport rather than a note about a part:
    not when the note says so, and not when a parameter of the same object appeared in that version."""
    if dated[2]:
        return True  # the docs give a maintenance release ("3.11.10"): a backport by definition
    version = dated[0]
    if "backport" in dated[3].lower():
        return False  # "backported to 3.7 and 3.8": the interpreters' first version stands
    before = VERSIONS[VERSIONS.index(version) - 1]
    now, then = facts.params(key, version)[0], facts.params(key, before)[0]
    return not (isinstance(now, list) and isinstance(then, list) and set(now) - set(then))


def docs_dates(facts, notes):
    """What the library reference dates, resolved against the interpreters:
    entities {key: (version, where, maintenance release, text)}, params {(callable, name): (version, where)},
    pathlike (callables that accept path-like objects since 3.6), micro {key: "3.5.N"}, unattached [(where, text)]."""
    entities, params, pathlike, micro, unattached = {}, {}, set(), {}, []

    def resolve(candidates, version):
        """The names a signature's candidates stand for: the first one an interpreter knows, or every
        name a wildcard covers ("socket.ALG_*")."""
        order = ([version] if version in VERSIONS else []) + VERSIONS
        if candidates[0].endswith("*"):
            prefix = candidates[0][:-1]
            at = version if version in VERSIONS else "3.6"
            return sorted(k for k in facts.names[at] if k.startswith(prefix) and "." not in k[len(prefix) :])
        for wanted in order:
            for k in candidates:
                if facts.state(k, wanted) == "yes":
                    return [k]
        return []

    def targets(note, version):
        return [k for group in note["targets"] for k in resolve(group, version)]

    # Backported to a 3.5 maintenance release ("versionadded:: 3.5.4" beside "3.6.1", typing): not a 3.6
    # name, but one that an older 3.5 lacks; kept apart so the gate can decide.
    for note in notes:
        if note["kind"] == "versionadded" and note["version"].startswith("3.5.") and note["targets"]:
            for key in targets(note, "3.6"):
                if not docnotes.added_params(note, set(note["params"])):
                    micro[key] = note["version"]
    for note in notes:
        version = ".".join(note["version"].split(".")[:2])
        if version not in VERSIONS:
            continue
        where = "%s.rst line %d" % (note["page"], note["line"])
        dated = (version, where, micro_part(note["version"]), note["text"])
        keys = targets(note, version)
        if note["targets"] and not keys:
            if version == "3.6":
                unattached.append((where, "documents %s, which no interpreter here has" % note["targets"][0][0]))
            continue
        if keys and all(k in micro for k in keys):
            continue
        handled = False
        for key in keys:
            known = set(note["params"])
            for v in VERSIONS:
                real = facts.params(key, v)[0]
                known |= set(real if isinstance(real, list) else [])
            if key in FORWARDS:
                fwd = facts.params(FORWARDS[key], version)[0]
                known |= set(fwd if isinstance(fwd, list) else [])
            if any(facts.params(key, v)[1] for v in VERSIONS):
                known = None  # it takes **kwargs: any parameter the note names ("*stacklevel*", Logger.debug)
            added = docnotes.added_params(note, known)
            for name in added:
                params.setdefault((key, name), (version, where))
            if added:
                handled = True
            elif note["kind"] == "versionadded" and "[1]_" in note["text"]:
                if version == "3.6":
                    unattached.append((where, "footnote: in an earlier Python as a provisional API"))
                handled = True
            elif docnotes.pathlike(note):
                # "The *filenames* parameter accepts a path-like object" (configparser's read, 3.6).
                if version == "3.6":
                    pathlike.add(key)
                handled = True
            elif note["kind"] == "versionadded" and not docnotes.ADDED_WORDS.search(note["text"]):
                entities.setdefault(key, dated)
                handled = True
        if handled:
            continue
        if not keys and note["module"] and note["kind"] == "versionadded" and not note["text"]:
            if facts.state(note["module"], version) == "yes":
                entities.setdefault(note["module"], dated)
            continue
        # "Flag, IntFlag, auto" / "Attribute :attr:`manager` and method :meth:`_log` were added".
        named = []
        bases = keys + [k for group in note["recent"] for k in resolve(group, version)] + [note["context_module"]]
        # Not "new": "Docs rewritten to promote the new EmailMessage" names old things.
        if note["kind"] == "versionadded" or re.search(r"\b(added|introduced)\b", note["text"], re.I):
            for ref in docnotes.references(note["text"]):
                for base in [b for b in bases if b]:
                    name = ref[len(base) + 1 :] if ref.startswith(base + ".") else ref
                    candidate = name if base == "builtins" else base + "." + name
                    if facts.state(candidate, version) == "yes":
                        if candidate not in named:
                            named.append(candidate)
                        break
        for k in named:
            entities.setdefault(k, (version, where + " (names it)", dated[2], dated[3]))
        if not named and version == "3.6":
            unattached.append((where, note["text"][:100] or "(no text)"))
    return {"entities": entities, "params": params, "pathlike": pathlike, "micro": micro, "unattached": unattached}


if __name__ == "__main__":
    main()
