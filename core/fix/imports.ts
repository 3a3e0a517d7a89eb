/**
 * The names a fix needs from a module (`typing.List`, `subprocess.PIPE`): the name as the file can
 * spell it, and the import line to add when the file has none. The line goes after the module's
 * docstring, leading comments, `from __future__` imports (which must stay first) and the first imports. Each fix adds
 * its own line, so it stays self-contained; applying several together merges them (apply.ts).
 */
import type { Node } from "web-tree-sitter";
import { msg, type MessageArg } from "../i18n/catalogue";
import type { PythonFile } from "../python/file";
import type { TextEdit } from "../findings/types";
import { importLine } from "./importLine";

/**
 * Offset where an import may be added: the start of the line after the docstring, the future imports
 * and the module's first block of imports (so the new line sits with the others).
 */
function importOffset(file: PythonFile): number {
  let after = 0;
  let first = true;
  for (const n of file.tree.rootNode.namedChildren) {
    if (!n) continue;
    if (n.type === "comment") {
      if (first) after = n.endIndex;
      continue;
    }
    const docstring = first && n.type === "expression_statement" && n.namedChild(0)?.type === "string";
    first = false;
    if (
      docstring ||
      n.type === "future_import_statement" ||
      n.type === "import_statement" ||
      n.type === "import_from_statement"
    )
      after = n.endIndex;
    else break;
  }
  if (after === 0) return 0;
  const eol = file.text.indexOf("\n", after);
  return eol < 0 ? file.text.length : eol + 1;
}

export class ImportNeeds {
  private readonly names = new Map<string, Set<string>>();

  constructor(private readonly file: PythonFile) {}

  /** How the file can name `module.name`; throws the reason when it cannot (the name means something else). */
  use(module: string, name: string): string {
    const bound = this.file.bindings.get(name);
    if (bound === `${module}.${name}`) return name;
    const moduleAlias = [...this.file.bindings].find(([, q]) => q === module)?.[0];
    if (moduleAlias) return `${moduleAlias}.${name}`;
    if (bound !== undefined || this.file.binds(name)) throw new NameTaken(msg("NoFixNameTaken", name));
    let set = this.names.get(module);
    if (!set) this.names.set(module, (set = new Set()));
    set.add(name);
    return name;
  }

  /** The import lines to add, one edit per module. */
  edits(): TextEdit[] {
    const at = importOffset(this.file);
    const eol = this.file.text.includes("\r\n") ? "\r\n" : "\n";
    const lead = at > 0 && at === this.file.text.length && !this.file.text.endsWith("\n") ? eol : "";
    return [...this.names].map(([module, set]) => {
      const names = [...set].sort();
      return {
        start: at,
        end: at,
        text: importLine({ module, names, lead, eol }),
        imports: { module, names },
      };
    });
  }
}

export class NameTaken {
  constructor(readonly why: MessageArg) {}
}

/** The node's nearest enclosing function or class definition (undefined at module level). */
export function enclosingScope(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent)
    if (p.type === "function_definition" || p.type === "class_definition" || p.type === "lambda") return p;
  return undefined;
}
