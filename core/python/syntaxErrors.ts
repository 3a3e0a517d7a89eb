/** PY001 from the parse tree: the ERROR and missing nodes tree-sitter leaves where the grammar fails. */
import type { Tree } from "web-tree-sitter";
import { msg } from "../i18n/catalogue";
import type { PythonFile } from "./file";

const MAX_SYNTAX_ERRORS_PER_FILE = 5;

/** Errors whose cause the text shows, in CPython's words: an assignment to what cannot be assigned. */
const KNOWN_CAUSES: ReadonlyArray<[RegExp, string]> = [
  [/^[A-Za-z_][\w.]*\s*\([^()\n]*\)\s*=(?!=)/, "can't assign to function call"],
  [/^(\d[\w.]*|'[^'\n]*'|"[^"\n]*")\s*=(?!=)/, "can't assign to literal"],
];

/** Only files that have errors pay for this full walk. */
export function reportTreeErrors(file: PythonFile, tree: Tree): void {
  if (!tree.rootNode.hasError) return;
  let reported = 0;
  const c = tree.walk();
  let descend = true;
  for (;;) {
    if (descend) {
      if (c.nodeIsMissing || c.nodeType === "ERROR") {
        const keyword = /^(True|False)\s*=(?!=)/.exec(file.text.slice(c.startIndex, c.startIndex + 16));
        const lineStart = file.text.lastIndexOf("\n", c.startIndex - 1) + 1;
        const statement = /^\s*(print|exec)\s+$/.exec(file.text.slice(lineStart, c.startIndex));
        if (keyword && !c.nodeIsMissing) {
          // `True = 0` is a plain assignment in Python 2 (True was a name), an error in Python 3.
          file.emit("PY002", c.startIndex, [msg("TermAssignToKeywordConstant", keyword[1])]);
        } else if (statement && !c.nodeIsMissing) {
          // `exec textwrap.dedent(…)`: a Python 2 statement whose operand the grammar does not take.
          file.emit("PY002", lineStart, [msg(statement[1] === "print" ? "TermPrintStatement" : "TermExecStatement")]);
        } else if (reported++ < MAX_SYNTAX_ERRORS_PER_FILE) {
          const head = file.text.slice(c.startIndex, c.startIndex + 200);
          const cause = !c.nodeIsMissing && KNOWN_CAUSES.find(([re]) => re.test(head));
          // The code up to the first string literal: what a literal holds (a password, when the
          // file does not parse and SEC001 cannot see the assignment) is never quoted.
          const snippet = file.text
            .slice(c.startIndex, Math.min(c.endIndex, c.startIndex + 30))
            .split("\n")[0]
            .replace(/["'].*$/, "…");
          if (cause) file.compileError(c.startIndex, cause[1]);
          else
            file.emit("PY001", c.startIndex, [
              c.nodeIsMissing ? msg("TermMissingToken", c.nodeType) : msg("TermUnexpectedToken", snippet),
            ]);
        }
      } else if (c.gotoFirstChild()) continue;
    }
    if (c.gotoNextSibling()) {
      descend = true;
      continue;
    }
    if (!c.gotoParent()) break;
    descend = false;
  }
  c.delete();
}
