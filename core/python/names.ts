/**
 * Names the code uses that the target Python lacks: standard-library modules, members and keyword
 * arguments newer than the target (PY004, from the generated data in stdlib.ts), and Python 2 names
 * Python 3 removed (PY002, python2.ts). Names resolve as the imports bind them (`from x import y as z`,
 * `import a.b as c`), through attribute chains on imported names, and on values whose type the code
 * makes plain (types.ts: `Path(p).write_text(…)`, `log = logging.getLogger(); log.warning(…)`).
 * A user's own definition of a name (def, class, assignment, import) is not a finding.
 */
import type { Node } from "web-tree-sitter";
import { msg } from "../i18n/catalogue";
import { identifierRole } from "./bindings";
import { isAsciiWordCode } from "./chars";
import type { PythonFile } from "./file";
import { PYTHON2_BUILTINS, PYTHON2_CMP_CALLABLES, PYTHON2_DICT_METHODS, python2Replacement } from "./python2";
import {
  BUILTIN_TYPE_NAMES,
  hasNewKeywords,
  hasMethodKeywords,
  hasNewMethodKeyword,
  isNewClassMemberName,
  isNewModule,
  keywordSince,
  NEW_BUILTINS,
  POSITIONAL_SINCE,
  RESULT_ATTRIBUTES_SINCE,
  stdlibSince,
} from "./stdlib";
import { lineage, typeOf, typeOfDottedName } from "./types";
import { isNewer } from "./versions";

const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const KEYWORD_IN_ARGS = /([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)/g;

/** The newest of `import a.b.c`'s prefixes that a newer Python added, or a Python 2 module. */
function checkModulePath(file: PythonFile, dotted: string, node: Node, local: string | undefined) {
  const parts = dotted.split(".");
  if (file.localModules.has(parts[0])) return; // the routine's own module of that name
  const python2 = python2Replacement(parts[0]);
  if (python2) {
    file.python2Name(node, "import", parts[0], msg("TermPython2Module", parts[0], python2), local);
    return;
  }
  let newest: string | undefined;
  let since: string | undefined;
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join(".");
    const v = isNewModule(prefix) ? stdlibSince(prefix) : undefined;
    if (v && (!since || isNewer(v, since))) {
      since = v;
      newest = prefix;
    }
  }
  if (newest) file.newerName(since, node, "import", newest, newest, local);
}

/** `import a.b`, `import a.b as c`: binds the local name and checks the module. */
export function checkImport(file: PythonFile, node: Node): void {
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === "dotted_name") {
      const name = file.src(child);
      const head = name.split(".")[0];
      file.bindings.set(head, head);
      checkModulePath(file, name, child, head);
    } else if (child.type === "aliased_import") {
      const name = child.childForFieldName("name");
      const alias = child.childForFieldName("alias");
      if (name && alias) {
        file.bindings.set(file.src(alias), file.src(name));
        checkModulePath(file, file.src(name), name, file.src(alias));
      }
    }
  }
}

/** `from x import a, b as c`: binds each local name to `x.a`; checks the module and each name. */
export function checkImportFrom(file: PythonFile, node: Node): void {
  const moduleNode = node.childForFieldName("module_name");
  if (!moduleNode || moduleNode.type === "relative_import") return;
  const module = file.src(moduleNode).replace(/\s+/g, "");
  const names = node.childrenForFieldName("name").filter((n): n is Node => !!n);
  const firstLocal =
    names[0] &&
    file.src(names[0].type === "aliased_import" ? (names[0].childForFieldName("alias") ?? names[0]) : names[0]);
  checkModulePath(file, module, moduleNode, names.length === 1 ? firstLocal : undefined);
  if (file.localModules.has(module.split(".")[0])) {
    for (const child of names) file.bindings.set(file.src(child), `${module}.${file.src(child)}`);
    return;
  }
  for (const child of names) {
    let name: Node | null = child;
    let local = child;
    if (child.type === "aliased_import") {
      name = child.childForFieldName("name");
      local = child.childForFieldName("alias") ?? child;
    }
    if (!name) continue;
    const qualified = `${module}.${file.src(name)}`;
    const localName = file.src(local);
    file.bindings.set(localName, qualified);
    const python2 = python2Replacement(qualified);
    if (python2 && !isNewModule(module)) {
      file.python2Name(name, "import", qualified, msg("TermPython2Member", qualified, python2), localName);
      continue;
    }
    file.newerName(stdlibSince(qualified), name, "import", qualified, qualified, localName);
  }
}

/** A dotted chain at the start of a text (`os.path.join` in `os.path.join(a)`). */
const CHAIN = /^[A-Za-z_][A-Za-z0-9_]*(?:[ \t]*\.[ \t]*[A-Za-z_][A-Za-z0-9_]*)+/;

/** `name.member` on a plain name, found in the text: where an attribute chain may start. */
const ATTRIBUTE_READ = /(?<![A-Za-z0-9_.])([A-Za-z_][A-Za-z0-9_]*)[ \t]*\.[ \t]*([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Every attribute chain that starts with an imported name, or reads a member some class gained after
 * 3.5, found through the text and confirmed on the tree (words in strings and comments are not
 * code). Matching every `x.y` in the parser's query cost 7% of the gate's time on the standard
 * library, and most of them (`self.x`) concern no rule. Run after the query pass, when the file's
 * imports are all bound.
 */
export function checkAttributeReads(file: PythonFile): void {
  const root = file.tree.rootNode;
  for (const m of file.text.matchAll(ATTRIBUTE_READ)) {
    const imported = file.bindings.has(m[1]);
    if (!imported && !isNewClassMemberName(m[2])) continue;
    const at = m.index!;
    // A chain on an imported name is judged from its text before the tree is asked whether it is code:
    // most (`os.path.join`) concern no rule, and the tree's answer cost more than the rest of the check.
    if (imported && !qualifiedChain(file, at)) continue;
    const head = root.descendantForIndex(at, at + m[1].length);
    if (head?.type !== "identifier" || head.startIndex !== at || head.endIndex !== at + m[1].length) continue;
    const attribute = head.parent;
    if (attribute?.type !== "attribute" || attribute.childForFieldName("object")?.startIndex !== at) continue;
    checkAttributeChain(file, head);
  }
}

/**
 * The name an attribute chain starts with (checkAttributeReads finds the innermost link's object). Only
 * chains that start with an imported name resolve; the chain is read from the text (cheaper than
 * climbing the tree) and its longest known prefix checked.
 */
export function checkAttributeChain(file: PythonFile, head: Node): void {
  const chain = CHAIN.exec(file.text.slice(head.startIndex, head.startIndex + 256));
  if (!chain) return;
  if (!file.bindings.has(file.src(head))) {
    // A variable's attribute (not a call: checkCallee has those): `vista.readonly`, `k.mapping`.
    const parts = chain[0].replace(/\s+/g, "").split(".");
    const after = file.text.slice(head.startIndex + chain[0].length, head.startIndex + chain[0].length + 32);
    if (parts.length === 2 && isNewClassMemberName(parts[1]) && !/^\s*\(/.test(after)) {
      const at = head.startIndex + chain[0].length - parts[1].length;
      checkTypedAttribute(file, typeOf(file, head), parts[1], () =>
        file.tree.rootNode.descendantForIndex(at, at + parts[1].length),
      );
    }
    return;
  }
  const found = qualifiedChain(file, head.startIndex);
  if (found?.python2)
    file.python2Name(head, "attribute", found.prefix, msg("TermPython2Member", found.prefix, found.python2));
  else if (found?.since) file.newerName(found.since, head, "attribute", found.prefix);
}

/**
 * What the standard library's data says of the attribute chain on an imported name that starts at
 * `at` (its longest known prefix: a Python 2 member, or the version that added it), read from the text.
 */
function qualifiedChain(
  file: PythonFile,
  at: number,
): { prefix: string; python2?: string; since?: string } | undefined {
  const chain = CHAIN.exec(file.text.slice(at, at + 256));
  if (!chain) return undefined;
  const qualified = file.qualify(chain[0].replace(/\s+/g, "")).split(".");
  if (file.localModules.has(qualified[0])) return undefined;
  for (let i = qualified.length; i >= 2; i--) {
    const prefix = qualified.slice(0, i).join(".");
    const python2 = python2Replacement(prefix);
    if (python2) return { prefix, python2 };
    const since = stdlibSince(prefix);
    if (since) return { prefix, since };
  }
  return undefined;
}

/** The keyword arguments of a call, by name node. */
function keywordArguments(args: Node): Node[] {
  const out: Node[] = [];
  for (const arg of args.namedChildren) {
    if (arg?.type !== "keyword_argument") continue;
    const name = arg.childForFieldName("name");
    if (name) out.push(name);
  }
  return out;
}

/** Keyword arguments of `callable` newer than the target (and Python 2's cmp=). */
function checkKeywords(file: PythonFile, callable: string, args: Node): void {
  for (const name of keywordArguments(args)) {
    const keyword = file.src(name);
    if (keyword === "cmp" && PYTHON2_CMP_CALLABLES.has(callable)) {
      file.python2Name(name, "keyword", `${callable}(cmp=)`, msg("TermCmpKeyword", callable));
      continue;
    }
    file.newerName(
      keywordSince(callable, keyword),
      name,
      "keyword",
      `${callable}(${keyword}=)`,
      `${callable}(${keyword}=…)`,
    );
  }
}

/** `reversed(d)` calls `d.__reversed__`: dicts have it since 3.8. */
function checkReversed(file: PythonFile, args: Node): void {
  const first = args.namedChild(0);
  const type = first && typeOf(file, first);
  if (!type) return;
  for (const owner of lineage(type)) {
    const since = stdlibSince(`${owner}.__reversed__`);
    if (since) {
      file.newerName(since, first, "attribute", `${owner}.__reversed__`, `reversed(${owner})`);
      return;
    }
  }
}

/** `importlib.import_module("zoneinfo")`, `__import__("x")`: a module imported by its name. */
function checkImportByName(file: PythonFile, args: Node): void {
  const first = args.namedChild(0);
  if (first?.type !== "string") return;
  const lit = file.literal(first);
  if (lit && !lit.prefix.includes("f") && DOTTED.test(lit.content))
    checkModulePath(file, lit.content, first, undefined);
}

/** A callee whose text the backward reading cannot vouch for (a line break or a non-ASCII name in it). */
const UNCLEAR = Symbol("unclear callee");

/** Characters that can stand right before a name without continuing its expression (operators, brackets, quotes). */
const BOUNDARY = /^[ \t\f\v()[\]{},;:=+\-*/%&|^~<>!@'"`]$/;

/** The index of the last character before `at` that is not a space or a tab (-1 at the start). */
function skipBlanksBack(text: string, at: number): number {
  let i = at;
  while (i >= 0 && (text[i] === " " || text[i] === "\t")) i--;
  return i;
}

/**
 * Whether a name that starts a line (after the line break at `newline`) may continue the code before
 * it: the last line of code above (blank and comment lines skipped, as inside brackets) ends with `.`
 * or `\\`, or holds a `#` after a quote (it may be in a string). Else the name starts the callee.
 */
function mayContinueLineBefore(text: string, newline: number): boolean {
  let end = newline;
  for (let lines = 0; lines < 8; lines++) {
    if (text[end] === "\n" && text[end - 1] === "\r") end--;
    let start = end;
    while (start > 0 && text[start - 1] !== "\n" && text[start - 1] !== "\r") start--;
    let code = text.slice(start, end);
    const hash = code.indexOf("#");
    if (hash >= 0) {
      if (/['"]/.test(code.slice(0, hash))) return true;
      code = code.slice(0, hash);
    }
    code = code.trimEnd();
    if (code.trim()) return code.endsWith(".") || code.endsWith("\\");
    if (start === 0) return false;
    end = start - 1;
  }
  return true;
}

/**
 * The callee of the call whose arguments open at `open`, read backwards from the text: its dotted
 * name without blanks (`os.path.join`), `.name` for an attribute of another expression (`x[0].items`),
 * undefined when it is neither a name nor an attribute (`f()(x)`), or UNCLEAR when a line break or a
 * non-ASCII name stands in it (comments may hide there: the tree decides).
 */
export function calleeBefore(text: string, open: number): string | undefined | typeof UNCLEAR {
  let i = skipBlanksBack(text, open - 1);
  let chain = "";
  for (;;) {
    const end = i + 1;
    while (i >= 0 && isAsciiWordCode(text.charCodeAt(i))) i--;
    if (i >= 0 && text.charCodeAt(i) > 127) return UNCLEAR;
    const word = text.slice(i + 1, end);
    if (!word || /^[0-9]/.test(word)) {
      // No name here: before "(" nothing callable by name; after a ".", the object is another expression.
      if (chain) return i >= 0 && (text[i] === "\n" || text[i] === "\r") ? UNCLEAR : `.${chain}`;
      return i < 0 || BOUNDARY.test(text[i]) ? undefined : UNCLEAR;
    }
    chain = chain ? `${word}.${chain}` : word;
    const before = skipBlanksBack(text, i);
    if (before >= 0 && text[before] === ".") {
      i = skipBlanksBack(text, before - 1);
      continue;
    }
    if (before < 0) return chain;
    const c = text[before];
    if (c === "\n" || c === "\r") return mayContinueLineBefore(text, before) ? UNCLEAR : chain;
    // After a blank, a keyword or an operator (`elif isinstance(`); else what touches the name must end an expression.
    return before < i || BOUNDARY.test(c) ? chain : UNCLEAR;
  }
}

/** A call's callee as checkCallee reads it. */
interface Callee {
  /** Its text without blanks (`os.path.join`), or `.name` for an attribute of an expression that is not a dotted name (`x[0].items`). */
  text: string;
  kind: "identifier" | "attribute" | "other";
  /** Its node, asked of the tree only where a rule may apply. */
  node(): Node | null;
}

/**
 * A call, from its argument list (the query's one capture per call: a second one for the callee, its
 * text and its type asked of the tree for each of the standard library's 327,000 calls cost more
 * than the checks). The callee is read from the text when the text vouches for it.
 */
export function checkCall(file: PythonFile, args: Node): void {
  const read = calleeBefore(file.text, args.startIndex);
  if (read === undefined) return;
  let node: Node | null | undefined;
  const calleeNode = () => (node === undefined ? (node = args.parent?.childForFieldName("function") ?? null) : node);
  if (read !== UNCLEAR) {
    checkCallee(file, { text: read, kind: read.includes(".") ? "attribute" : "identifier", node: calleeNode }, args);
    return;
  }
  const callee = calleeNode();
  if (!callee) return;
  const kind = callee.type === "identifier" || callee.type === "attribute" ? callee.type : "other";
  checkCallee(file, { text: dottedText(file, callee), kind, node: () => callee }, args);
}

/** A callee node's text as calleeBefore reads it, from the tree: without the comments and line breaks in it. */
function dottedText(file: PythonFile, node: Node): string {
  if (node.type !== "attribute") return file.src(node).replace(/\s+/g, "");
  const object = node.childForFieldName("object");
  const attribute = node.childForFieldName("attribute");
  const chain = object?.type === "identifier" || object?.type === "attribute" ? dottedText(file, object) : "";
  return `${chain}.${attribute ? file.src(attribute) : ""}`;
}

/**
 * The callee of a call: cheap tests on its text first, so that only calls of imported names, of
 * builtins the data knows, and of methods the data knows on some class are looked at.
 */
function checkCallee(file: PythonFile, callee: Callee, args: Node): void {
  const dotted = callee.text;
  if (DOTTED.test(dotted)) {
    const dot = dotted.indexOf(".");
    if (file.bindings.has(dot < 0 ? dotted : dotted.slice(0, dot))) {
      const qualified = file.qualify(dotted);
      if (qualified === "importlib.import_module") checkImportByName(file, args);
      if (hasNewKeywords(qualified) || PYTHON2_CMP_CALLABLES.has(qualified)) checkKeywords(file, qualified, args);
      return;
    }
    if (callee.kind === "identifier") {
      if (dotted === "__import__") checkImportByName(file, args);
      if (dotted === "reversed" && !file.binds(dotted)) checkReversed(file, args);
      if ((hasNewKeywords(dotted) || PYTHON2_CMP_CALLABLES.has(dotted)) && !file.binds(dotted))
        checkKeywords(file, dotted, args);
      return;
    }
  }
  if (callee.kind !== "attribute") return;
  const method = dotted.slice(dotted.lastIndexOf(".") + 1);
  if (RESULT_METHODS.has(method) || METHOD_RESULTS.has(method)) {
    const after = /^\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)(?!\s*\()/.exec(file.text.slice(args.endIndex, args.endIndex + 64));
    if (after && (RESULT_METHODS.has(method) || isNewClassMemberName(after[1])))
      checkResultAttribute(file, callee, method, args.endIndex + after[0].length - after[1].length, after[1]);
  }
  let interesting = isNewClassMemberName(method) || PYTHON2_DICT_METHODS[method] !== undefined || method === "decode";
  if (!interesting && (method === "sort" || method === "hex" || hasMethodKeywords(method))) {
    // Only then the arguments' text: reading it for every method call would cost more than the rest.
    const argsText = file.src(args);
    const keywords = [...argsText.matchAll(KEYWORD_IN_ARGS)].map((m) => m[1]);
    interesting =
      (method === "sort" && keywords.includes("cmp")) ||
      hasNewMethodKeyword(method, keywords) ||
      (method === "hex" && argsText.replace(/\s/g, "") !== "()");
  }
  if (interesting) checkMethodCall(file, callee, method, args);
}

/**
 * The type of the object a method is called on: from the text when it is a dotted name (`fecha` in
 * `fecha.isoformat`, asked at each call), else from the tree.
 */
function receiverType(file: PythonFile, callee: Callee): string | undefined {
  const dot = callee.text.lastIndexOf(".");
  const receiver = callee.text.slice(0, dot);
  if (DOTTED.test(receiver)) return typeOfDottedName(file, receiver);
  const object = callee.node()?.childForFieldName("object");
  return object ? typeOf(file, object) : undefined;
}

/** `value.method(…)` on a value whose type the code makes plain (or a Python 2 dict method on any). */
function checkMethodCall(file: PythonFile, callee: Callee, method: string, args: Node): void {
  const type = receiverType(file, callee);
  // On a value of unknown type nothing is said: a class of the routine's or of the standard library
  // may have the method (mailbox.Mailbox.iteritems is Python 3's).
  if (!type) return;
  const attr = callee.node()?.childForFieldName("attribute");
  if (!attr) return;
  for (const owner of lineage(type)) {
    const qualified = `${owner}.${method}`;
    if (owner === "dict" && PYTHON2_DICT_METHODS[method]) {
      file.python2Name(
        attr,
        "attribute",
        qualified,
        msg("TermPython2DictMethod", method, PYTHON2_DICT_METHODS[method]),
      );
      return;
    }
    if (owner === "str" && method === "decode") {
      file.python2Name(attr, "attribute", qualified, msg("TermPython2StrDecode"));
      return;
    }
    const since = stdlibSince(qualified);
    if (since) {
      file.newerName(since, attr, "attribute", qualified, `${qualified}()`);
      return;
    }
    const positional = POSITIONAL_SINCE[qualified];
    if (positional && args.namedChildren.some((a) => a && a.type !== "keyword_argument")) {
      file.newerName(
        positional,
        args,
        "keyword",
        `${qualified}(…)`,
        msg("TermNewPositionalArgument", `${qualified}()`),
      );
      return;
    }
    if (hasNewKeywords(qualified) || (owner === "list" && method === "sort")) {
      checkKeywords(file, qualified, args);
      return;
    }
  }
}

/** Methods whose result types.ts knows: an attribute of their result is worth a look. */
const METHOD_RESULTS: ReadonlySet<string> = new Set(["keys", "values", "items"]);

/** The methods whose results RESULT_ATTRIBUTES_SINCE knows. */
const RESULT_METHODS: ReadonlySet<string> = new Set(
  Object.keys(RESULT_ATTRIBUTES_SINCE).map((k) => k.split(".").pop()!),
);

/** `fecha.isocalendar().week`: an attribute (`name` at `offset`) of a result whose type changed after the target. */
function checkResultAttribute(file: PythonFile, callee: Callee, method: string, offset: number, name: string): void {
  const type = receiverType(file, callee);
  if (!type) return;
  const attribute = () => file.tree.rootNode.descendantForIndex(offset, offset + name.length);
  for (const owner of lineage(type)) {
    const result = RESULT_ATTRIBUTES_SINCE[`${owner}.${method}`];
    if (result?.attributes.includes(name)) {
      const node = attribute();
      if (node) file.newerName(result.since, node, "attribute", `${owner}.${method}().${name}`);
      return;
    }
  }
  // What the call returns, when its type is known (`d.keys()` is a dict_keys: `.mapping` is 3.10).
  const call = callee.node()?.parent;
  checkTypedAttribute(file, call ? typeOf(file, call) : undefined, name, attribute);
}

/**
 * Types whose instances cannot carry attributes of their own (builtin types, dict views): an attribute
 * the data dates later is really missing before. A class written in Python may have set it on its
 * instances all along (hmac.HMAC.inner before 3.9): not a finding.
 */
const FIXED_ATTRIBUTES = (owner: string) => BUILTIN_TYPE_NAMES.has(owner) || /^dict_(keys|values|items)$/.test(owner);

/** `value.name` (no call) on a value of a known builtin type: the member's version. */
function checkTypedAttribute(file: PythonFile, type: string | undefined, name: string, node: () => Node | null): void {
  if (!type || !FIXED_ATTRIBUTES(lineage(type)[0])) return;
  for (const owner of lineage(type)) {
    const since = stdlibSince(`${owner}.${name}`);
    if (!since) continue;
    const at = node();
    if (at) file.newerName(since, at, "attribute", `${owner}.${name}`);
    return;
  }
}

const BUILTIN_WORDS = new RegExp(
  `(?<![A-Za-z0-9_.])(${[...Object.keys(PYTHON2_BUILTINS), ...NEW_BUILTINS.keys()].join("|")})(?![A-Za-z0-9_])`,
  "g",
);

/**
 * Builtins the target lacks, wherever the code reads them (a call, `hook = breakpoint`, `except
 * ModuleNotFoundError`): Python 2's (`xrange`, `unicode`) and newer ones (`breakpoint`, `aiter`).
 * Found through the text, confirmed on the tree; a name the file defines itself is not a finding.
 */
export function checkBuiltinNames(file: PythonFile): void {
  const seen = new Set<string>();
  for (const m of file.text.matchAll(BUILTIN_WORDS)) seen.add(m[1]);
  for (const name of seen) {
    if (file.binds(name) || file.bindings.has(name)) continue;
    for (const node of file.identifiers(name)) {
      if (identifierRole(node) !== "load") continue;
      const python2 = PYTHON2_BUILTINS[name];
      if (python2) file.python2Name(node, "name", name, msg("TermPython2Builtin", name, python2));
      else file.newerName(NEW_BUILTINS.get(name), node, "name", `builtins.${name}`, name);
    }
  }
}
