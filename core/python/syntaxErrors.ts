/** PY001 from the parse tree: the ERROR and missing nodes tree-sitter leaves where the grammar fails. */
import type { Tree } from "web-tree-sitter";
import { msg } from "../i18n/catalogue";
import type { PythonFile } from "./file";

const MAX_SYNTAX_ERRORS_PER_FILE = 5;

/** Only files that have errors pay for this full walk. */
export function reportTreeErrors(file: PythonFile, tree: Tree): void {
  if (!tree.rootNode.hasError) return;
  let reported = 0;
  const c = tree.walk();
  let descend = true;
  for (;;) {
    if (descend) {
      if (c.nodeIsMissing || c.nodeType === "ERROR") {
        if (reported++ < MAX_SYNTAX_ERRORS_PER_FILE) {
          // The code up to the first string literal: what a literal holds (a password, when the
          // file does not parse and SEC001 cannot see the assignment) is never quoted.
          const snippet = file.text
            .slice(c.startIndex, Math.min(c.endIndex, c.startIndex + 30))
            .split("\n")[0]
            .replace(/["'].*$/, "…");
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
