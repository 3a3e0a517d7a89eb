# Reads CPython's library reference (Doc/library/*.rst of a checkout, or the *.rst.txt sources that
# a built copy of the docs ships under _sources/library) and returns its "versionadded" and
# "versionchanged" notes, each attached to the object it documents: a module, a function, a class,
# a method, an attribute or a parameter. Used by stdlib_data.py to answer the one question the
# interpreters cannot: was something that 3.6 has already in 3.5?
import os
import re

OBJECT_DIRECTIVES = {
    "function", "class", "method", "classmethod", "staticmethod", "attribute", "data", "exception",
    "decorator", "decoratormethod", "coroutinefunction", "coroutinemethod", "abstractmethod", "property",
}
CLASS_DIRECTIVES = {"class", "exception"}
# Directives with a body that documents something which is not an importable name.
SCOPE_DIRECTIVES = {"describe", "opcode", "cmdoption", "option", "envvar", "index"}
# Pages that document builtins (no module directive): their names are unqualified (str.removeprefix, open).
BUILTIN_PAGES = {"functions", "stdtypes", "exceptions", "constants"}
DIRECTIVE = re.compile(r"^(\s*)\.\. (?:py:)?([a-z]+)::\s*(.*)$")
EMPHASIS = re.compile(
    r"\*{1,2}([A-Za-z_][A-Za-z0-9_]*)\*{1,2}|``([A-Za-z_][A-Za-z0-9_]*)=?``|:(?:attr|paramref):`([A-Za-z_][A-Za-z0-9_]*)`"
)
ADDED_WORDS = re.compile(r"\b(add|added|adds|new|introduced)\b", re.I)
PARAMETER_WORDS = re.compile(r"\b(argument|parameter|keyword)s?\b", re.I)
PATHLIKE = re.compile(r"path-like|PathLike|os\.PathLike", re.I)


def indent_of(line):
    return len(line) - len(line.lstrip(" "))


def signature_name(sig):
    """The documented name of a signature ("await loop.create_task(coro)" -> "loop.create_task");
    a wildcard stays ("ALG_*")."""
    sig = sig.strip()
    for prefix in ("await ", "async ", "abstractmethod "):
        if sig.startswith(prefix):
            sig = sig[len(prefix) :]
    name = re.split(r"[\s(\[=:]", sig, 1)[0]
    return name.strip()


def signature_params(sig):
    if "(" not in sig:
        return set()
    inside = sig[sig.index("(") + 1 : sig.rindex(")") if ")" in sig else len(sig)]
    out = set()
    for part in re.split(r"[,\[\]]", inside):
        part = part.strip().lstrip("*").split("=")[0].split(":")[0].strip()
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            out.add(part)
    return out


def doc_files(root):
    """(page name, path) of every library page under a checkout, a Doc folder or a _sources folder."""
    for candidate in (
        os.path.join(root, "Doc", "library"),
        os.path.join(root, "library"),
        os.path.join(root, "_sources", "library"),
        root,
    ):
        if os.path.isdir(candidate) and any(f.endswith((".rst", ".rst.txt")) for f in os.listdir(candidate)):
            for f in sorted(os.listdir(candidate)):
                if f.endswith(".rst"):
                    yield f[: -len(".rst")], os.path.join(candidate, f)
                elif f.endswith(".rst.txt"):
                    yield f[: -len(".rst.txt")], os.path.join(candidate, f)
            return
    raise SystemExit("no Doc/library/*.rst (or _sources/library/*.rst.txt) under " + root)


def read_notes(root):
    """Every version note of the library reference, as dicts:
    page, line, kind (versionadded | versionchanged), version, text, before (the paragraph just
    before it), last (nothing of its object's description follows it);
    targets: one list of candidate qualified names per signature of the documented object (a name
    ending in * stands for every name with that prefix), none for a note outside any object;
    target_kind, params (the documented parameters); recent (the object just closed, for a note
    written after it); module (set for a note in the first lines after a module directive, before
    any object) and context_module."""
    notes, _ = parse(root)
    return notes


def documented_objects(root):
    """Candidate qualified names of every object the library reference documents."""
    _, objects = parse(root)
    return objects


def object_keys(name, stack, builtin_page, module):
    """The objects a signature documents: one list of candidate names per object."""
    parent = next((s for s in reversed(stack) if s[2] in CLASS_DIRECTIVES), None)
    if parent:
        short = parent[1][0][0].split(".")[-1]
        if name.startswith(short + "."):
            name = name[len(short) + 1 :]
        return [[k + "." + name for k in parent[1][0]]]
    if builtin_page:
        return [[name]]
    if module == "asyncio" and name.startswith("loop."):
        # The event loop's methods are documented on a pseudo-class "loop": the abstract class and the
        # base class every loop derives from.
        return [["asyncio.AbstractEventLoop." + name[5:]], ["asyncio.BaseEventLoop." + name[5:]]]
    if module:
        # "datetime.combine" under module datetime is datetime.datetime.combine; the generator keeps
        # the first candidate the interpreters know.
        return [[module + "." + name, name]]
    return []


def parse(root):
    notes, objects = [], set()
    for page, path in doc_files(root):
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        module = None
        builtin_page = page in BUILTIN_PAGES
        stack = []  # [(indent, [candidates per signature], directive, params)]
        recent = None
        seen_object = False
        module_line = -1000
        i = 0
        while i < len(lines):
            line = lines[i]
            closed = []
            if line.strip():
                ind = indent_of(line)
                while stack and stack[-1][0] >= ind:
                    closed.append(stack.pop())
                if closed:
                    recent = closed[-1]
            m = DIRECTIVE.match(line)
            if not m:
                i += 1
                continue
            ind, directive, arg = len(m.group(1)), m.group(2), m.group(3)
            if directive in ("module", "currentmodule"):
                module = None if arg.strip() == "None" else arg.strip()
                if directive == "module":
                    seen_object = False
                    module_line = i
                i += 1
                continue
            if directive in SCOPE_DIRECTIVES:
                # ".. describe:: reversed(d)" inside dict: its notes date that operation, not the class.
                stack.append((ind, [], directive, set()))
                i += 1
                continue
            if directive in OBJECT_DIRECTIVES:
                seen_object = True
                signatures = [arg]
                j = i + 1
                # Further signatures of the same directive, one per line, before its options and body;
                # a line ending in a backslash continues the same signature.
                while j < len(lines) and lines[j].strip() and not lines[j].strip().startswith(":"):
                    if indent_of(lines[j]) <= ind or DIRECTIVE.match(lines[j]):
                        break
                    if signatures[-1].rstrip().endswith("\\"):
                        signatures[-1] = signatures[-1].rstrip()[:-1] + " " + lines[j].strip()
                    else:
                        signatures.append(lines[j].strip())
                    j += 1
                groups, params = [], set()
                for sig in signatures:
                    name = signature_name(sig)
                    for keys in object_keys(name, stack, builtin_page, module) if name else []:
                        groups.append(keys)
                        params |= signature_params(sig)
                        objects.update(k for k in keys if not k.endswith("*"))
                if groups:
                    stack.append((ind, groups, directive, params))
                i = j
                continue
            if directive in ("versionadded", "versionchanged"):
                version = arg.split()[0] if arg.split() else ""
                text = [arg[len(version) :].strip()]
                j = i + 1
                while j < len(lines) and (not lines[j].strip() or indent_of(lines[j]) > ind):
                    if DIRECTIVE.match(lines[j]):
                        break  # the next note, even one indented by mistake (ssl's wrap_socket)
                    text.append(lines[j].strip())
                    j += 1
                target = stack[-1] if stack and stack[-1][0] < ind and stack[-1][1] else None
                if closed and closed[-1][0] == ind and closed[-1][2] not in CLASS_DIRECTIVES:
                    # Written at its object's own indentation, right after it (decimal's as_integer_ratio):
                    # the note still belongs to that function or method.
                    target = closed[-1]
                # The paragraph just before: "If *group* is not None, ..." then ".. versionadded:: 3.9"
                # in the middle of subprocess.Popen's description dates that parameter, not the class.
                k = i - 1
                while k >= 0 and (not lines[k].strip() or DIRECTIVE.match(lines[k])):
                    k -= 1
                before = []
                while k >= 0 and lines[k].strip() and not DIRECTIVE.match(lines[k]):
                    before.insert(0, lines[k].strip())
                    k -= 1
                # Whether the object's description goes on after the note (a paragraph, not another note).
                n = j
                while n < len(lines) and not lines[n].strip():
                    n += 1
                last = not (
                    target
                    and n < len(lines)
                    and indent_of(lines[n]) > target[0]
                    and not DIRECTIVE.match(lines[n])
                )
                notes.append(
                    {
                        "page": page,
                        "line": i + 1,
                        "kind": directive,
                        "version": version,
                        "text": " ".join(t for t in text if t),
                        "before": " ".join(before),
                        "last": last,
                        "targets": target[1] if target else [],
                        "target_kind": target[2] if target else None,
                        "params": sorted(target[3]) if target else [],
                        "recent": recent[1] if recent and not target else [],
                        "module": module
                        if not target and not seen_object and not builtin_page and i - module_line <= 15
                        else None,
                        "context_module": module if not builtin_page else "builtins",
                    }
                )
                i = j
                continue
            i += 1
    return notes, objects


# How the library reference says a parameter was added; each pattern's "span" holds the names it dates.
ADDED_PATTERNS = [
    # "Added the *timespec* argument", "Added *encoding* and *errors* parameters" (not "Added default
    # values for ``length``" nor "Added support for ..." nor "Added :meth:`__iter__` to ...")
    re.compile(r"\b[Aa]dd(?:ed|s)?\b(?P<span>.*?)(?:\b(?:to|so|for|as|which|because|when|if)\b|$)"),
    # "*encoding* and *errors* were added", "*text* was added as an alias for *universal_newlines*"
    re.compile(r"^(?P<span>.*?)\b(?:was|were|has been|have been) (?:added|introduced)\b"),
    # "*level* can now be used as a keyword parameter", "*delete* is now supported as a keyword argument"
    re.compile(r"^(?P<span>.*?)\b(?:can (?:now )?be used|(?:is|are) now supported) as (?:a )?keyword"),
    # ":meth:`bytes.hex` now supports optional *sep* and *bytes_per_sep* parameters"
    re.compile(r"\bnow (?:supports|takes|has|accepts) (?:an? |the )?(?:optional|new)\b(?P<span>.*)"),
    # "New *required* keyword argument" (argparse's add_subparsers)
    re.compile(r"\b[Nn]ew (?P<span>(?:\S+ ){1,3}?)(?:keyword(?:-only)? )?(?:argument|parameter)s?\b"),
]
# "The *strict* argument (pre-3.6 behavior is strict)." or "The *readrc* argument." as a whole note.
THE_PARAMETER = re.compile(r"^The (?P<span>\S+(?: and \S+)?) (?:argument|parameter|keyword argument)s?\b")


def added_params(note, known):
    """Parameters a note says were added ("Added the *timespec* argument", "*encoding* and *errors*
    were added"); known is the set of parameter names the object has (documented or real), None
    when it takes **kwargs (any name the note dates). A versionadded note that names parameters dates
    them, not the object ("The *strict* argument")."""
    text = note["text"]
    if note["kind"] == "versionadded" and not text and not note["last"]:
        # An empty note in the middle of a description, after a paragraph about a parameter
        # ("If *umask* is not negative, …"): at the end it would date the object itself.
        m = re.match(r"(?:If|When|The|An?|With)?\s*\*{1,2}([A-Za-z_][A-Za-z0-9_]*)\*{1,2}", note["before"])
        if m and (known is None or m.group(1) in known):
            return [m.group(1)]
    out = []
    for sentence in re.split(r"(?<=\.)\s+", text):
        if PATHLIKE.search(sentence):
            continue
        spans = [m.group("span") for p in ADDED_PATTERNS for m in p.finditer(sentence)]
        if len(sentence.split()) <= 8 and (note["kind"] == "versionadded" or sentence.strip() == text.strip()):
            spans += [m.group("span") for m in THE_PARAMETER.finditer(sentence)]
        for span in spans:
            for m in EMPHASIS.finditer(span):
                name = m.group(1) or m.group(2) or m.group(3)
                if (known is None or name in known) and name not in out:
                    out.append(name)
    return out


def pathlike(note):
    """True when the note says the object now accepts path-like objects (3.6 added os.PathLike)."""
    return bool(PATHLIKE.search(note["text"])) and bool(re.search(r"accept|support", note["text"], re.I))


REFERENCE = re.compile(r":[a-z]+:`[~!]?([A-Za-z_][A-Za-z0-9_.]*)(?:\(\))?`|``([A-Za-z_][A-Za-z0-9_.]*)``")


def references(text):
    """Names a note's text refers to (:func:`sha3_224`, ``IntFlag``), in order."""
    out = []
    for m in REFERENCE.finditer(text):
        name = m.group(1) or m.group(2)
        if name not in out:
            out.append(name)
    return out


def documented_modules(root):
    """Every module the library reference documents (its module and currentmodule directives)."""
    out = set()
    for _, path in doc_files(root):
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = DIRECTIVE.match(line)
                if m and m.group(2) in ("module", "currentmodule") and m.group(3).strip() != "None":
                    out.add(m.group(3).strip())
    return out
