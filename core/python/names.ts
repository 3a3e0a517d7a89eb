/**
 * Standard-library names the code uses (PY004): modules it imports, attribute chains on imported
 * names, builtins it calls, methods called on literals and keyword arguments of known callables.
 * Names resolve as the imports bind them (`from x import y as z`, `import a.b as c`).
 */
import type { Node } from "web-tree-sitter";
import type { PythonFile } from "./file";
import { KWARGS_SINCE, LITERAL_METHODS_SINCE, STDLIB_SINCE } from "./stdlib";
import { isNewer } from "./versions";

export const BUILTINS_SINCE: Record<string, string> = { breakpoint: "3.7", aiter: "3.10", anext: "3.10" };
const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** `import a.b.c` is new if any of a, a.b, a.b.c is; `from a import b` only if a.b is. */
function checkModule(file: PythonFile, dotted: string, offset: number, onlyFull = false): void {
  const parts = dotted.split(".");
  for (let i = onlyFull ? parts.length : 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join(".");
    if (STDLIB_SINCE[prefix]) {
      file.stdlib(prefix, offset, prefix);
      return;
    }
  }
}

/** `import a.b`, `import a.b as c`: binds the local name and checks the module. */
export function checkImport(file: PythonFile, node: Node): void {
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === "dotted_name") {
      const name = file.src(child);
      file.bindings.set(name.split(".")[0], name.split(".")[0]);
      checkModule(file, name, child.startIndex);
    } else if (child.type === "aliased_import") {
      const name = child.childForFieldName("name");
      const alias = child.childForFieldName("alias");
      if (name && alias) {
        file.bindings.set(file.src(alias), file.src(name));
        checkModule(file, file.src(name), name.startIndex);
      }
    }
  }
}

/** `from x import a, b as c`: binds each local name to `x.a` and checks both. */
export function checkImportFrom(file: PythonFile, node: Node): void {
  const moduleNode = node.childForFieldName("module_name");
  if (!moduleNode || moduleNode.type === "relative_import") return;
  const module = file.src(moduleNode);
  checkModule(file, module, moduleNode.startIndex);
  for (const child of node.childrenForFieldName("name")) {
    if (!child) continue;
    let name: Node | null = child;
    let local = child;
    if (child.type === "aliased_import") {
      name = child.childForFieldName("name");
      local = child.childForFieldName("alias") ?? child;
    }
    if (!name) continue;
    const qualified = `${module}.${file.src(name)}`;
    file.bindings.set(file.src(local), qualified);
    if (STDLIB_SINCE[qualified]) file.stdlib(qualified, name.startIndex);
    else checkModule(file, qualified, name.startIndex, true);
  }
}

/**
 * The innermost link of an attribute chain whose object is a name (the query matches those). Only
 * chains that start with an imported name resolve; the whole chain is climbed and its longest
 * known prefix checked.
 */
export function checkAttributeChain(file: PythonFile, head: Node, attribute: Node): void {
  if (!file.bindings.has(file.src(head))) return;
  let top = attribute;
  while (top.parent?.type === "attribute" && top.parent.startIndex === top.startIndex) top = top.parent;
  const dotted = file.src(top).replace(/\s+/g, "");
  if (!DOTTED.test(dotted)) return;
  const qualified = file.qualify(dotted).split(".");
  for (let i = qualified.length; i >= 2; i--) {
    const prefix = qualified.slice(0, i).join(".");
    if (STDLIB_SINCE[prefix]) {
      file.stdlib(prefix, top.startIndex, prefix);
      return;
    }
  }
}

/**
 * The callee of a call: a cheap text test first, so that only calls of imported names, of the
 * builtins and callables the tables know and of methods on literals are looked at.
 */
export function checkCallee(file: PythonFile, callee: Node): void {
  const text = file.text;
  const head = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(callee.startIndex, callee.startIndex + 64))?.[0];
  const literalReceiver =
    callee.type === "attribute" && /^[rRuUbBfF]{0,2}['"]/.test(text.slice(callee.startIndex, callee.startIndex + 3));
  if ((head && (file.bindings.has(head) || BUILTINS_SINCE[head] || KWARGS_SINCE[head])) || literalReceiver)
    checkCall(file, callee.parent!);
}

/** A call: a newer builtin, a newer method of a literal, or keyword arguments newer than the callable. */
function checkCall(file: PythonFile, node: Node): void {
  const fn = node.childForFieldName("function");
  const args = node.childForFieldName("arguments");
  if (!fn) return;
  const target = file.target;
  if (fn.type === "identifier") {
    const name = file.src(fn);
    const since = BUILTINS_SINCE[name];
    if (since && !file.bindings.has(name) && isNewer(since, target))
      file.emit("PY004", fn.startIndex, [`${name}()`, since, target], since);
  }
  if (fn.type === "attribute") {
    const object = fn.childForFieldName("object");
    const attr = fn.childForFieldName("attribute");
    if (object && attr && (object.type === "string" || object.type === "concatenated_string")) {
      const since = LITERAL_METHODS_SINCE[file.src(attr)];
      if (since && isNewer(since, target))
        file.emit("PY004", attr.startIndex, [`str.${file.src(attr)}()`, since, target], since);
    }
  }
  const dotted = file.src(fn).replace(/\s+/g, "");
  if (!args || !DOTTED.test(dotted)) return;
  const qualified = fn.type === "identifier" && !file.bindings.has(dotted) ? dotted : file.qualify(dotted);
  const kwargs = KWARGS_SINCE[qualified];
  if (!kwargs) return;
  for (const arg of args.namedChildren) {
    if (arg?.type !== "keyword_argument") continue;
    const name = arg.childForFieldName("name");
    if (!name) continue;
    const since = kwargs[file.src(name)];
    if (since && isNewer(since, target))
      file.emit("PY004", name.startIndex, [`${qualified}(${file.src(name)}=…)`, since, target], since);
  }
}
