# Compares the generated data with vermin's rules (github.com/netromdk/vermin, read from a local
# checkout, never copied) and writes docs/python-stdlib-coverage.md: for every module, member and
# keyword argument vermin dates to 3.6-3.13, whether the data knows it (itself or through its parent)
# with the same version, and when not, what the interpreters say and why.
import os
import subprocess
import sys

VERSIONS = ["3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]


def vkey(v):
    return tuple(int(x) for x in v.split("."))


def vermin_rules(path, label=""):
    sys.path.insert(0, path)
    try:
        from vermin.config import Config
        from vermin.rules import KWARGS_REQS, MOD_MEM_REQS, MOD_REQS
    finally:
        sys.path.pop(0)
    config = Config()
    pick = lambda req: "%d.%d" % req[1] if req[1] and (3, 6) <= req[1] <= (3, 13) else None  # noqa: E731
    modules = {k: pick(v) for k, v in MOD_REQS(config).items() if pick(v)}
    members = {k: pick(v) for k, v in MOD_MEM_REQS(config).items() if pick(v)}
    kwargs = {k: pick(v) for k, v in KWARGS_REQS(config).items() if pick(v)}
    commit = label or subprocess.run(["git", "-C", path, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    return modules, members, kwargs, commit or path


def ours(out):
    names = {}
    for version, text in out["modules"].items():
        for name in text.split():
            names[name] = version
    for version, parents in out["members"].items():
        for parent, text in parents.items():
            for token in text.split():
                name = token[:-2] if token.endswith("()") else token
                names[name if parent == "builtins" else parent + "." + name] = version
    params = {}
    for version, callables in out["params"].items():
        for key, text in callables.items():
            for name in text.split():
                params[(key, name)] = version
    since35 = {}
    for version, text in out.get("since35", {}).items():
        for name in text.split():
            since35[name] = version
    return names, params, since35


# How vermin spells what the interpreters name otherwise: the event loop's documented pseudo-class,
# dict views, stat results.
ALIASES = [
    ("asyncio.loop.", "asyncio.BaseEventLoop."),
    ("dict.items.", "dict_items."),
    ("dict.keys.", "dict_keys."),
    ("dict.values.", "dict_values."),
    ("os.stat.", "os.stat_result."),
    ("os.statvfs.", "os.statvfs_result."),
]


def spelled(key):
    for theirs, mine in ALIASES:
        if key.startswith(theirs):
            return mine + key[len(theirs) :]
    return key


def effective(names, key):
    """The data's version for key: its own, else its nearest listed parent's (module or class)."""
    parts = key.split(".")
    for i in range(len(parts), 0, -1):
        prefix = ".".join(parts[:i])
        if prefix in names:
            return names[prefix], prefix
    return None, None


def states(facts, key):
    return "".join({"yes": "+", "no": "-", "unknown": "?"}[facts.state(key, v)] for v in VERSIONS)


def param_states(facts, key, name):
    out = ""
    for v in VERSIONS:
        got, var_kw, _ = facts.params(key, v)
        if got == "absent":
            out += "-"
        elif got is None:
            out += "?"
        elif name in got:
            out += "+"
        else:
            out += "*" if var_kw else "-"
    return out


def confirmed(pattern, version):
    """The interpreters show it appear in that version: there, and absent (not unknown) just before.
    For 3.6, the interpreters can only show that 3.6 has it (there is no 3.5 here)."""
    i = VERSIONS.index(version)
    return i > 0 and pattern[i] == "+" and pattern[i - 1] == "-"


def why_missing(facts, data, key, version, pattern, excluded):
    if key.startswith("test."):
        return "CPython's own test package: not walked"
    if excluded(key):
        return "module left out of the data (Python's own tooling, or not in the library reference)"
    if any(part.startswith("_") for part in key.split("(")[0].split(".")):
        return "a private or dunder name: not walked"
    if "+" not in pattern and "*" in pattern:
        return "the callable takes **kwargs: the keyword is not in any signature"
    if "+" not in pattern and "?" in pattern:
        return "no interpreter gives a readable signature"
    if "+" not in pattern:
        return "no interpreter here has it on the class or module (an instance attribute, another platform, or another spelling)"
    first = VERSIONS[pattern.index("+")]
    if first == "3.6" and version == "3.6":
        return "3.6 has it and the 3.11 docs carry no 3.6 note for it"
    if first == "3.6":
        return "already in 3.6 here (vermin says %s)" % version
    for k, reason in data["uncertain"]:
        if k == key:
            return "uncertain: " + reason
    return "interpreters: first in %s; left out as implied or not walked" % first


def write_report(path, vermin_path, facts, data, about, vermin_label=""):
    modules, members, kwargs, commit = vermin_rules(vermin_path, vermin_label)
    names, params, since35 = ours(data["out"])
    skipped = data["skipped"]

    def excluded(key):
        parts = key.split(".")
        return any(".".join(parts[:i]) in skipped for i in range(1, len(parts) + 1))

    rows = {"module": [], "member": [], "keyword argument": []}
    for kind, table in (("module", modules), ("member", members)):
        for key, version in sorted(table.items()):
            mine, via = effective(names, spelled(key))
            pattern = states(facts, spelled(key))
            via = key if via == spelled(key) else via
            if mine and via != key and vkey(mine) < vkey(version):
                mine = None  # an older parent does not cover a newer member
            if mine == version:
                status = "same" if via == key else "same (through %s)" % via
            elif key in since35:
                status = "3.5 maintenance release %s in the docs" % since35[key]
            elif mine:
                status = "differs: data says %s (%s)" % (
                    mine,
                    data["sources"].get(spelled(key), "") if via == key else "through %s" % via,
                )
            else:
                status = "missing: " + why_missing(facts, data, key, version, pattern, excluded)
            rows[kind].append((key, version, status, pattern, confirmed(pattern, version)))
    for (key, name), version in sorted(kwargs.items()):
        label = "%s(%s)" % (key, name)
        key = spelled(key + ".")[:-1]
        mine = params.get((key, name))
        via = label
        if not mine:
            mine, via = effective(names, key)
            if mine and vkey(mine) < vkey(version):
                mine = None  # an older callable does not cover a newer keyword
        pattern = param_states(facts, key, name)
        if mine == version:
            status = "same" if via == label else "same (through %s)" % via
        elif mine:
            status = "differs: data says %s (%s)" % (
                mine,
                data["param_sources"].get("%s(%s)" % (key, name), "") if via == label else "through %s" % via,
            )
        else:
            status = "missing: " + why_missing(facts, data, label, version, pattern, excluded)
        rows["keyword argument"].append((label, version, status, pattern, confirmed(pattern, version)))

    lines = [
        "# Standard-library data: coverage against vermin's rules",
        "",
        "*Written by `scripts/python-data/stdlib_data.py --vermin …`; do not edit by hand.*",
        "",
        "The data (`core/python/stdlibData.json`) is made from the interpreters "
        + ", ".join("%s (%s)" % (v, about["interpreters"][v]) for v in VERSIONS)
        + " and, for what 3.6 already has, from the CPython documentation: %s (sha256 of the library pages %s)."
        % (about["docs"], about["docsSha256"][:16]),
        "Vermin's rules were read from github.com/netromdk/vermin at `%s` (never copied here)." % commit,
        "",
        "A pattern shows what the interpreters 3.6 … 3.13 have: `+` there, `-` absent, `?` unknown (the module "
        "did not import, or no signature to read), `*` the callable takes `**kwargs`. "
        "*Confirmed* means the interpreters show it appear in vermin's version (there, and absent just before).",
        "",
        "## Summary",
        "",
        "| kind | vermin 3.6–3.13 | same version | differs | missing | confirmed by the interpreters (3.7–3.13) but missing or different | vermin's 3.6, present in 3.6 here, not dated 3.6 |",
        "|---|---|---|---|---|---|---|",
    ]
    must_fix, not_36 = [], []
    for kind, items in rows.items():
        same = sum(1 for r in items if r[2].startswith("same"))
        differs = sum(1 for r in items if r[2].startswith("differs"))
        missing = [r for r in items if not r[2].startswith(("same", "differs"))]
        confirmed_missing = [r for r in items if r[4] and not r[2].startswith("same")]
        in_36 = [r for r in items if r[1] == "3.6" and r[3][0] == "+" and not r[2].startswith("same")]
        must_fix += confirmed_missing
        not_36 += in_36
        lines.append(
            "| %s | %d | %d | %d | %d | %d | %d |"
            % (kind, len(items), same, differs, len(missing), len(confirmed_missing), len(in_36))
        )
    counts = data["counts"]
    lines += [
        "",
        "The data holds %d modules, %d members (%s) and %d keyword arguments newer than 3.5, plus %d "
        "callables that accept path-like objects since 3.6, %d behaviours and %d names of 3.5 maintenance "
        "releases; %d more names and parameters are left out because their module or class is as new."
        % (
            counts.get("module", 0),
            sum(counts.get(k, 0) for k in ("function", "class", "exception", "method", "attribute", "constant")),
            ", ".join(
                "%d %s" % (counts.get(k, 0), k)
                for k in ("function", "method", "class", "exception", "attribute", "constant")
            ),
            counts.get("keyword argument", 0),
            counts.get("path-like (3.6)", 0),
            counts.get("feature", 0),
            counts.get("3.5 maintenance release", 0),
            data["implied"],
        ),
        "Entries vermin does not have: %d names and %d keyword arguments."
        % (
            sum(1 for k in names if k not in modules and k not in members),
            sum(1 for k in params if k not in kwargs),
        ),
        "",
    ]
    if must_fix:
        lines += [
            "## Confirmed by the interpreters but missing or different in the data",
            "",
            "| vermin | version | data | interpreters |",
            "|---|---|---|---|",
        ]
        lines += ["| `%s` | %s | %s | `%s` |" % (r[0], r[1], r[2], r[3]) for r in must_fix]
        lines.append("")
    else:
        lines += [
            "Every addition vermin knows for 3.7–3.13 that the interpreters confirm (present in that version, "
            "absent in the one before) is in the data with the same version.",
            "",
        ]
    lines += [
        "## Vermin's 3.6 entries that 3.6 has here but the data does not date 3.6",
        "",
        "There is no Python 3.5 here: for what 3.6 has, the date comes from the docs. These have no 3.6 note "
        "the generator can attach (or a later one: a security fix backported to 3.6.x).",
        "",
        "| vermin | version | data | interpreters |",
        "|---|---|---|---|",
    ]
    lines += ["| `%s` | %s | %s | `%s` |" % (r[0], r[1], r[2], r[3]) for r in not_36]
    lines.append("")
    for kind, items in rows.items():
        other = [r for r in items if not r[2].startswith("same")]
        lines += [
            "## %ss that differ or are missing (%d)" % (kind.capitalize(), len(other)),
            "",
            "| vermin | version | data | interpreters |",
            "|---|---|---|---|",
        ]
        lines += ["| `%s` | %s | %s | `%s` |" % (r[0], r[1], r[2], r[3]) for r in other]
        lines.append("")
    unattached = data["unattached"]
    lines += [
        "## 3.6 notes of the docs that date nothing in the data (%d)" % len(unattached),
        "",
        "Notes about behaviour, about a part of an object, or outside any object the interpreters know.",
        "",
    ]
    lines += ["- %s: %s" % (where, text.replace("|", "\\|")) for where, text in unattached]
    lines.append("")
    uncertain = data["uncertain"]
    lines += [
        "## Left out as uncertain (%d)" % len(uncertain),
        "",
        "The interpreters show these appear, but the Python before could not be read (its module did not "
        "import, or the callable had no signature or took `**kwargs`) and no docs note dates them.",
        "",
    ]
    lines += ["- `%s`: %s" % (k, why) for k, why in uncertain]
    lines.append("")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    return must_fix
