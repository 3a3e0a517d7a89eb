/**
 * Loads web-tree-sitter and the Python grammar once per process. The two .wasm files sit
 * beside the task bundle (copied at build) or, in development, in node_modules.
 */
import * as fs from "fs";
import * as path from "path";
import TreeSitter = require("web-tree-sitter");

export type { Parser } from "web-tree-sitter";

const WASM = {
  runtime: { file: "web-tree-sitter.wasm", module: "web-tree-sitter/web-tree-sitter.wasm" },
  python: { file: "tree-sitter-python.wasm", module: "tree-sitter-python/tree-sitter-python.wasm" },
};

/** The .wasm beside the running bundle, else the installed package's. */
export function locateWasm(which: keyof typeof WASM): string {
  const beside = path.join(__dirname, WASM[which].file);
  if (fs.existsSync(beside)) return beside;
  return require.resolve(WASM[which].module);
}

let loading: Promise<TreeSitter.Language> | undefined;

async function language(): Promise<TreeSitter.Language> {
  if (!loading) {
    loading = (async () => {
      const runtime = locateWasm("runtime");
      await TreeSitter.Parser.init({ locateFile: () => runtime });
      return TreeSitter.Language.load(locateWasm("python"));
    })();
  }
  return loading;
}

export async function createPythonParser(): Promise<TreeSitter.Parser> {
  const python = await language(); // also runs Parser.init, which must precede new Parser()
  const parser = new TreeSitter.Parser();
  parser.setLanguage(python);
  return parser;
}
