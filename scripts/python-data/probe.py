# Runs inside one CPython (3.6 to 3.13) and writes, as JSON, what its standard library has: every
# public module it can import, each module's public names, each class's public members and the
# keyword parameters of every callable. Started by scripts/python-data/stdlib_data.py, one
# subprocess per interpreter; it imports modules but never calls anything but inspect on them.
# Written for Python 3.6: no f-string "=" specifiers, no walrus, no newer library calls.
#
#   python probe.py OUTPUT.json
import importlib
import inspect
import io
import json
import os
import pkgutil
import sys
import sysconfig
import types
import warnings

# Modules whose import does something (opens a browser, prints, starts a GUI) or that only serve
# CPython's own tests: never imported.
SKIP_TOP = {
    "antigravity", "this", "turtle", "turtledemo", "tkinter", "idlelib", "test", "lib2to3",
    "__hello__", "__phello__", "pydoc_data", "ensurepip", "xxlimited", "xxsubtype", "xxlimited_35",
    "_tkinter", "sre_compile", "sre_parse", "sre_constants", "site", "__main__", "pip", "setuptools",
    "_distutils_hack", "pkg_resources",
}
SKIP_PART = {"test", "tests", "idle_test", "__main__", "_test", "testing"}
# Dunder members worth knowing: operators and protocols that appeared in a later Python
# (dict | dict is __or__ in 3.9, list[int] is __class_getitem__ in 3.9, os.PathLike is __fspath__ in 3.6).
KEEP_DUNDER = {
    "__class_getitem__", "__or__", "__ror__", "__ior__", "__fspath__", "__aenter__", "__aexit__",
    "__enter__", "__exit__", "__getitem__", "__reversed__", "__aiter__", "__anext__",
}


def public(name):
    return not name.startswith("_") or name == "__future__"


def module_names():
    """Every public module and submodule of this interpreter's standard library."""
    stdlib = sysconfig.get_paths()["stdlib"]
    paths = [stdlib, os.path.join(stdlib, "lib-dynload")]
    names = set(n for n in sys.builtin_module_names if public(n))
    for info in pkgutil.iter_modules(paths):
        if public(info.name) and info.name not in SKIP_TOP:
            names.add(info.name)
    found = set()

    def walk(name, depth):
        if name in found or depth > 4:
            return
        found.add(name)
        try:
            module = load(name)
        except BaseException:
            return
        path = getattr(module, "__path__", None)
        if not path:
            return
        for info in pkgutil.iter_modules(path):
            if public(info.name) and info.name not in SKIP_PART:
                walk(name + "." + info.name, depth + 1)

    for name in sorted(names):
        if name.split(".")[0] not in SKIP_TOP:
            walk(name, 0)
    return sorted(found)


load_errors = {}
loaded = {}


def load(name):
    if name in loaded:
        return loaded[name]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            saved = sys.stdout, sys.stderr
            sys.stdout, sys.stderr = io.StringIO(), io.StringIO()
            try:
                module = importlib.import_module(name)
            finally:
                sys.stdout, sys.stderr = saved
    except BaseException as e:  # SystemExit and KeyboardInterrupt too: a module must not end the probe
        load_errors[name] = type(e).__name__ + ": " + str(e)[:200]
        loaded[name] = None
        raise ImportError(name)
    loaded[name] = module
    return module


def params(obj, drop_first):
    """Keyword-capable parameter names, and "**" when it takes **kwargs; None when no signature can be
    read (many C functions on 3.6)."""
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError, RuntimeError, AttributeError):
        return None
    except Exception:
        return None
    out = []
    plist = list(sig.parameters.values())
    if drop_first and plist and plist[0].kind in (plist[0].POSITIONAL_ONLY, plist[0].POSITIONAL_OR_KEYWORD):
        plist = plist[1:]
    for p in plist:
        if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY):
            out.append(p.name)
        elif p.kind == p.VAR_KEYWORD:
            out.append("**")  # takes any keyword: a name missing from the list may still be accepted
    return out


def doc_signature(obj):
    """Parameter names from the first line of a C function's docstring ("split(sep=None, maxsplit=-1)"),
    when there is one; the generator uses it only to know that a parameter already existed."""
    doc = getattr(obj, "__doc__", None)
    if not isinstance(doc, str):
        return None
    names = []
    for line in doc.strip().splitlines()[:4]:
        line = line.strip()
        if "(" not in line or ")" not in line:
            continue
        inside = line[line.index("(") + 1 : line.rindex(")")]
        for part in inside.replace("[", ",").replace("]", ",").split(","):
            part = part.strip().lstrip("*").split("=")[0].split(":")[0].strip()
            if part.isidentifier():
                names.append(part)
    return sorted(set(names)) if names else None


def kind_of(obj):
    if isinstance(obj, type):
        return "exception" if issubclass(obj, BaseException) else "class"
    if isinstance(obj, types.ModuleType):
        return "module"
    if callable(obj):
        return "function"
    return "constant"


def member_kind(raw, value):
    if isinstance(raw, classmethod) or inspect.ismethoddescriptor(raw) and type(raw).__name__ == "classmethod_descriptor":
        return "method"
    if isinstance(raw, staticmethod):
        return "method"
    if isinstance(raw, property) or inspect.isdatadescriptor(raw) or inspect.isgetsetdescriptor(raw):
        return "attribute"
    if isinstance(value, type):
        return "class"
    if callable(value):
        return "method"
    return "attribute"


result = {
    "version": "%d.%d.%d" % sys.version_info[:3],
    "modules": {},
    "names": {},
    "params": {},
    "docparams": {},
    # Every public name a module has, API or not: a name left out of __all__ until a later version
    # (io.DEFAULT_BUFFER_SIZE until 3.11) still exists, and must not look new when __all__ lists it.
    "present": {},
}


def record_params(key, obj, drop_first):
    got = params(obj, drop_first)
    result["params"][key] = got
    if got is None:
        result["docparams"][key] = doc_signature(obj)


def defining_class(cls, name):
    for k in cls.__mro__:
        if name in vars(k):
            return k
    return None


def walk_class(qualified, cls, builtin_module):
    try:
        names = dir(cls)
    except Exception:
        return
    try:
        if "__class_getitem__" not in names and "__getitem__" in dir(type(cls)):
            # Subscriptable through its metaclass (typing's generics on 3.6, dataclasses.InitVar on 3.7):
            # X[...] worked before X had __class_getitem__.
            result["present"][qualified + ".__class_getitem__"] = True
    except Exception:
        pass
    for name in names:
        if not public(name) and name not in KEEP_DUNDER:
            continue
        owner = defining_class(cls, name)
        if owner is None:
            continue
        if owner is not cls and (owner.__module__ == "builtins" or owner is object):
            # Inherited from a builtin type: known under that type (str.removeprefix), not under every subclass.
            continue
        raw = vars(owner)[name]
        try:
            value = getattr(cls, name)
        except Exception:
            continue
        key = qualified + "." + name
        kind = member_kind(raw, value)
        result["names"][key] = kind
        if kind == "method" and not name.startswith("__"):
            # A plain Python function read from the class still has self; C methods mark it positional-only.
            record_params(key, value, inspect.isfunction(raw))


def foreign(module, attr, value):
    """A name this module imports for its own use (aifc.namedtuple, a loop variable left behind):
    not its API. With __all__, the API is __all__ plus the functions and classes it defines itself;
    without, whatever it defines or re-exports under their own names (hashlib.sha256 from _hashlib)."""
    real = module.__name__
    if real == "builtins":
        return False  # open is io.open, and still a builtin
    is_code = isinstance(value, (type, types.FunctionType, types.BuiltinFunctionType))
    owner = getattr(value, "__module__", None) if is_code else None
    own = isinstance(owner, str) and (owner == real or owner.startswith(real + "."))
    accelerator = isinstance(owner, str) and owner.lstrip("_") == real.split(".")[-1]  # codecs.unregister
    listed = getattr(module, "__all__", None)
    if listed is not None:
        return attr not in listed and not own and not accelerator
    if not is_code or not isinstance(owner, str) or own or owner.startswith("_"):
        return False  # its own, or from its C accelerator (ssl.SSLSession is _ssl.Session)
    if owner == "builtins":
        return getattr(value, "__name__", attr) != attr  # a builtin type under another name (a loop variable)
    return True


def walk_module(name, module):
    prefix = "" if name == "builtins" else name + "."
    # dir() can be narrowed by a module's __dir__ (concurrent.futures lists only __all__): read __dict__ too.
    # __all__ too: a module's __getattr__ can make a name on first use (types.CapsuleType).
    listed = getattr(module, "__all__", None)
    listed = [a for a in listed if isinstance(a, str)] if isinstance(listed, (list, tuple)) else []
    for attr in sorted(set(dir(module)) | set(vars(module)) | set(listed)):
        if not public(attr):
            continue
        try:
            value = getattr(module, attr)
        except Exception:
            continue
        kind = kind_of(value)
        key = prefix + attr
        result["present"][key] = True
        if kind == "module":
            # Only true submodules (xml.etree, sys.monitoring) and os.path; imported helpers are not API.
            sub = getattr(value, "__name__", "")
            if sub == name + "." + attr or (name, attr) == ("os", "path"):
                result["names"][key] = "module"
                if (name, attr) == ("os", "path") or sub not in loaded:
                    walk_module(name + "." + attr, value)
            continue
        if foreign(module, attr, value):
            if isinstance(value, type):
                # Not this module's API, yet its members exist: they must not look new when a later
                # version lists the class (ssl.Purpose joins ssl.__all__ in 3.11).
                try:
                    for member in dir(value):
                        if public(member):
                            result["present"][key + "." + member] = True
                except Exception:
                    pass
            continue
        result["names"][key] = kind
        if kind in ("class", "exception"):
            walk_class(key, value, name == "builtins")
            record_params(key, value, False)
        elif kind == "function":
            record_params(key, value, False)


def instance_types():
    """Types the code reaches through instances, named as the documentation names them."""
    import re
    import zlib

    return {
        "re.Pattern": type(re.compile("")),
        "re.Match": type(re.match("", "")),
        "dict_keys": type({}.keys()),
        "dict_values": type({}.values()),
        "dict_items": type({}.items()),
        "types.GeneratorType": types.GeneratorType,
        "sys.flags": type(sys.flags),
        "sys.float_info": type(sys.float_info),
        "sys.version_info": type(sys.version_info),
        "sys.hash_info": type(sys.hash_info),
        "sys.int_info": type(sys.int_info),
        "sys.thread_info": type(sys.thread_info),
        "zlib.Compress": type(zlib.compressobj()),
        "zlib.Decompress": type(zlib.decompressobj()),
    }


def main():
    out = sys.argv[1]
    names = module_names()
    for name in names:
        module = loaded.get(name)
        result["modules"][name] = module is not None
        if module is not None:
            try:
                walk_module(name, module)
            except Exception as e:  # a broken module must not end the probe
                load_errors[name] = "walk: " + type(e).__name__ + ": " + str(e)[:200]
    builtins = importlib.import_module("builtins")
    walk_module("builtins", builtins)
    for key, cls in instance_types().items():
        walk_class(key, cls, False)
    result["errors"] = load_errors
    with open(out, "w") as f:
        json.dump(result, f, sort_keys=True)


main()
