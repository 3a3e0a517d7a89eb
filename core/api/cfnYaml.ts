/**
 * CloudFormation templates as YAML documents that keep their source (issue #16). The short forms of
 * the intrinsic functions (`!Ref`, `!Sub`, `!If`, `!Select`, `!GetAtt`, `!Join`…) are known tags:
 * the parser keeps each one on its node, with the node's byte range in the file, so that an edit can
 * splice new text at those ranges and leave every other byte as it was. A tag CloudFormation does not
 * know is an error with its line, never silently dropped.
 */
import { Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument, Scalar } from "yaml";
import type { CollectionTag, ScalarTag, YAMLMap, YAMLSeq } from "yaml";
import type { MessageArg, MessageKey } from "../i18n/catalogue";
import type { Localizer } from "../i18n/localizer";

/** The short forms CloudFormation accepts (the intrinsic functions and the condition functions). */
export const CFN_SHORT_TAGS = [
  "!Base64",
  "!Cidr",
  "!FindInMap",
  "!GetAtt",
  "!GetAZs",
  "!ImportValue",
  "!Join",
  "!Length",
  "!Select",
  "!Split",
  "!Sub",
  "!ToJsonString",
  "!Transform",
  "!Ref",
  "!Condition",
  "!And",
  "!Equals",
  "!If",
  "!Not",
  "!Or",
];

/** Each short tag on a scalar, a sequence or a mapping: the node keeps its tag, nothing is resolved. */
export const CFN_TAGS: Array<ScalarTag | CollectionTag> = CFN_SHORT_TAGS.flatMap((tag) => [
  { tag, resolve: (value: string) => value } as ScalarTag,
  { tag, collection: "seq", resolve: (seq: YAMLSeq) => seq } as unknown as CollectionTag,
  { tag, collection: "map", resolve: (map: YAMLMap) => map } as unknown as CollectionTag,
]);

/** A file or value that cannot be used as it is: the message (core/i18n), the file and line. */
export class ApiFileError extends Error {
  constructor(
    readonly code: MessageKey,
    readonly file: string,
    readonly line: number,
    readonly args: MessageArg[],
  ) {
    super(`${code} ${file}:${line}`);
  }
}

/** An ApiFileError as the user reads it, in the surface's language: `file:line: message`. */
export function describeApiError(err: ApiFileError, loc: Localizer): string {
  const where = err.file ? `${err.file}${err.line ? `:${err.line}` : ""}: ` : "";
  return where + loc(err.code, ...err.args);
}

export interface ParsedYaml {
  doc: Document.Parsed;
  lines: LineCounter;
  text: string;
}

/**
 * Parses a template, keeping every node's range. Syntax errors, duplicate keys, unknown tags and
 * more than one document are ApiFileError("TemplateInvalid") with the first problem's line.
 */
export function parseCfnYaml(text: string, file: string): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    customTags: CFN_TAGS,
    lineCounter: lines,
    uniqueKeys: true,
  });
  const first = doc.errors[0] ?? doc.warnings.find((w) => w.code === "TAG_RESOLVE_FAILED");
  if (first) {
    const line = first.linePos?.[0].line ?? lines.linePos(first.pos[0]).line;
    const why = first.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    throw new ApiFileError("TemplateInvalid", file, line, [why]);
  }
  return { doc, lines, text };
}

/** 1-based line of an offset. */
export function lineOf(parsed: ParsedYaml, offset: number): number {
  return parsed.lines.linePos(offset).line;
}

/** A mapping's value node by key (the key as a plain scalar), or undefined. */
export function child(node: unknown, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key) return (pair.value ?? undefined) as Node | undefined;
  }
  return undefined;
}

/** A mapping's pairs as [key text, value node, key node]. */
export function entries(node: unknown): Array<{ key: string; value: Node | undefined; keyNode: Scalar }> {
  if (!isMap(node)) return [];
  const out: Array<{ key: string; value: Node | undefined; keyNode: Scalar }> = [];
  for (const pair of node.items)
    if (isPair(pair) && isScalar(pair.key))
      out.push({
        key: String(pair.key.value),
        value: (pair.value ?? undefined) as Node | undefined,
        keyNode: pair.key,
      });
  return out;
}

/** A scalar's text value (tag ignored), or undefined for anything else. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

/**
 * What an intrinsic function node is, in either form: the short tag (`!Ref x`) or the long one
 * (`{ Ref: x }`, `{ "Fn::GetAtt": [...] }`). Returns the function name without `Fn::` and its argument.
 */
export function intrinsic(node: unknown): { fn: string; arg: Node | undefined } | undefined {
  if (isAlias(node)) return undefined;
  const tag = (node as Node | undefined)?.tag;
  if (tag && tag.startsWith("!")) return { fn: tag.slice(1), arg: node as Node };
  if (isMap(node) && node.items.length === 1) {
    const key = scalarText(node.items[0].key);
    if (key === "Ref" || key === "Condition") return { fn: key, arg: (node.items[0].value ?? undefined) as Node };
    if (key?.startsWith("Fn::")) return { fn: key.slice(4), arg: (node.items[0].value ?? undefined) as Node };
  }
  return undefined;
}

/** Every node under (and including) `node`, depth first (an array, not a generator: it runs on every node of a 3,000-line template). */
export function walkNodes(node: unknown): Node[] {
  const out: Node[] = [];
  const stack: unknown[] = [node];
  while (stack.length) {
    const n = stack.pop();
    if (!n || isAlias(n)) continue;
    out.push(n as Node);
    if (isMap(n)) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i].value);
    else if (isSeq(n)) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
  }
  return out;
}

/** The column (0-based) where a node starts on its line. */
export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf("\n", offset - 1) + 1);
}
