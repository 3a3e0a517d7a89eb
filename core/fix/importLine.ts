/**
 * The import line a fix inserts (`from typing import List, Union`), written in one place and read back
 * where only its text travels (SARIF's insertedContent): apply.ts merges the lines of several fixes.
 */

export interface ImportLine {
  module: string;
  names: string[];
  /** Line break before it: the file's last line had none. */
  lead: string;
  eol: string;
}

const IMPORT_LINE = /^(\r?\n?)from ([\w.]+) import ([\w, ]+)(\r?\n)$/;

export function importLine({ module, names, lead, eol }: ImportLine): string {
  return `${lead}from ${module} import ${names.join(", ")}${eol}`;
}

/** An inserted text read back as an import line, or undefined when it is not one. */
export function parseImportLine(text: string): ImportLine | undefined {
  const m = IMPORT_LINE.exec(text);
  return m ? { lead: m[1], module: m[2], names: m[3].split(",").map((n) => n.trim()), eol: m[4] } : undefined;
}
