/**
 * CloudFormation parameter files, in the two shapes the deploy tools read:
 *
 *   [{ "ParameterKey": "DyXApiReadCapacityUnits", "ParameterValue": "#{dy-x-api-tables-read-cu}#" }, …]
 *   { "Parameters": { "DyXApiReadCapacityUnits": "$(dy-x-api-tables-read-cu)" }, "Tags": { … } }
 *
 * (also `{ "Parameters": [ …the list… ] }`). A value that names a library variable is written in
 * the pipeline's token syntax: replace-tokens' `#{name}#`, a macro `$(name)`, or any template with
 * `name` in it (`__name__`). New entries are spliced after the last one, in its own style; the rest
 * of the file keeps every byte.
 */
import { printParseErrorCode, type Node as JsonNode } from "jsonc-parser";
import { parseStrictJson } from "../config/json";
import { type Message, msg } from "../i18n/catalogue";
import { ApiFileError } from "./cfnYaml";

export interface ParamsEntry {
  key: string;
  /** The value as text (a number or boolean value is shown as JSON). */
  value: string;
  /** 1-based line of the entry. */
  line: number;
}

export interface ParamsFile {
  file: string;
  text: string;
  shape: "list" | "object";
  entries: ParamsEntry[];
  /** The node new entries are added to: the list, or the Parameters object. */
  container: JsonNode;
}

const lineAt = (text: string, offset: number) => text.slice(0, offset).split("\n").length;

function invalid(file: string, text: string, offset: number, why: Message): ApiFileError {
  return new ApiFileError("ParamsInvalid", file, lineAt(text, offset), [why]);
}

function listEntries(file: string, text: string, list: JsonNode): ParamsEntry[] {
  const out: ParamsEntry[] = [];
  for (const item of list.children ?? []) {
    if (item.type !== "object") throw invalid(file, text, item.offset, msg("ApiParamsEntryNotObject"));
    const props = new Map((item.children ?? []).map((p) => [String(p.children?.[0]?.value), p.children?.[1]]));
    const key = props.get("ParameterKey");
    if (key?.type !== "string") throw invalid(file, text, item.offset, msg("ApiParamsNoKey"));
    const value = props.get("ParameterValue");
    out.push({ key: String(key.value), value: jsonText(value), line: lineAt(text, item.offset) });
  }
  return out;
}

const jsonText = (node: JsonNode | undefined) =>
  node === undefined ? "" : node.type === "string" ? String(node.value) : JSON.stringify(node.value ?? null);

/** Parses a params file (strict JSON): ApiFileError("ParamsInvalid") with the line of what is wrong. */
export function parseParams(text: string, file: string): ParamsFile {
  const { tree, errors } = parseStrictJson(text);
  if (errors.length || !tree) {
    const first = errors[0];
    throw invalid(
      file,
      text,
      first?.offset ?? 0,
      msg("ApiParamsNotJson", first ? printParseErrorCode(first.error) : msg("ApiJsonEmpty")),
    );
  }
  if (tree.type === "array")
    return { file, text, shape: "list", entries: listEntries(file, text, tree), container: tree };
  if (tree.type === "object") {
    const params = tree.children?.find((p) => p.children?.[0]?.value === "Parameters")?.children?.[1];
    if (params?.type === "array")
      return { file, text, shape: "list", entries: listEntries(file, text, params), container: params };
    if (params?.type === "object") {
      const entries = (params.children ?? []).map((p) => ({
        key: String(p.children?.[0]?.value),
        value: jsonText(p.children?.[1]),
        line: lineAt(text, p.offset),
      }));
      return { file, text, shape: "object", entries, container: params };
    }
  }
  throw invalid(file, text, tree.offset, msg("ApiParamsShape"));
}

/** The token syntaxes by name; any other template must contain `name`. */
export const TOKEN_SYNTAXES: Record<string, string> = { "replace-tokens": "#{name}#", macro: "$(name)" };

export interface TokenSyntax {
  template: string;
  /** The library variable a value names, when the whole value is one token. */
  variableOf(value: string): string | undefined;
  token(variable: string): string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A syntax from its name (`replace-tokens`, `macro`) or its template (`#{name}#`); undefined when unusable. */
export function tokenSyntax(nameOrTemplate: string): TokenSyntax | undefined {
  const template = TOKEN_SYNTAXES[nameOrTemplate] ?? nameOrTemplate;
  const at = template.indexOf("name");
  if (at < 0 || template.indexOf("name", at + 1) >= 0) return undefined;
  const prefix = template.slice(0, at);
  const suffix = template.slice(at + 4);
  if (!prefix && !suffix) return undefined;
  const whole = new RegExp(`^${escapeRegExp(prefix)}([A-Za-z0-9_.-]+)${escapeRegExp(suffix)}$`);
  return {
    template,
    variableOf: (value) => whole.exec(value.trim())?.[1],
    token: (variable) => `${prefix}${variable}${suffix}`,
  };
}

/** The library variable a value names in any of the known syntaxes (or `syntax`). */
export function variableIn(value: string, syntax?: TokenSyntax): string | undefined {
  if (syntax) return syntax.variableOf(value);
  for (const template of Object.values(TOKEN_SYNTAXES)) {
    const found = tokenSyntax(template)!.variableOf(value);
    if (found) return found;
  }
  return undefined;
}

/** The syntax the file already uses for library variables, if any entry names one. */
export function detectTokenSyntax(files: ParamsFile[]): TokenSyntax | undefined {
  for (const f of files)
    for (const e of f.entries)
      for (const template of Object.values(TOKEN_SYNTAXES))
        if (tokenSyntax(template)!.variableOf(e.value)) return tokenSyntax(template);
  return undefined;
}

const lineStart = (text: string, offset: number) => text.lastIndexOf("\n", offset - 1) + 1;
const indentAt = (text: string, offset: number) => /^[ \t]*/.exec(text.slice(lineStart(text, offset)))![0];

/**
 * The file with `entries` added after its last entry, each written like that entry (one line or
 * several, its indentation and spacing); every other byte is kept. Re-parsed to verify.
 */
export function addParamsEntries(params: ParamsFile, entries: Array<[key: string, value: string]>): string {
  const { text, container } = params;
  if (!entries.length) return text;
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const items = container.children ?? [];
  const last = items[items.length - 1];
  let indent: string;
  let unit: string;
  let oneLine: boolean;
  let spaced = true;
  if (last) {
    indent = indentAt(text, last.offset);
    const lastText = text.slice(last.offset, last.offset + last.length);
    oneLine = !lastText.includes("\n");
    spaced = /^\{\s/.test(lastText);
    const inner = last.children?.[0];
    unit =
      !oneLine && inner && params.shape === "list"
        ? indentAt(text, inner.offset).slice(indent.length) || "  "
        : indent.slice(indentAt(text, container.offset).length) || "  ";
  } else {
    const base = indentAt(text, container.offset);
    unit = "  ";
    indent = base + unit;
    oneLine = false;
  }
  const render = ([key, value]: [string, string]) => {
    if (params.shape === "object") return `${JSON.stringify(key)}: ${JSON.stringify(value)}`;
    const body = { ParameterKey: key, ParameterValue: value };
    if (oneLine) {
      const inside = `"ParameterKey": ${JSON.stringify(key)}, "ParameterValue": ${JSON.stringify(value)}`;
      return spaced ? `{ ${inside} }` : `{${inside}}`;
    }
    return JSON.stringify(body, null, unit)
      .split("\n")
      .join(eol + indent);
  };
  const rendered = entries.map(render);
  let out: string;
  if (last) {
    const at = last.offset + last.length;
    out = text.slice(0, at) + rendered.map((r) => `,${eol}${indent}${r}`).join("") + text.slice(at);
  } else {
    // An empty list or object: its brackets are replaced by the new entries.
    const open = container.offset;
    const close = container.offset + container.length;
    const base = indentAt(text, container.offset);
    const [l, r] = params.shape === "list" ? ["[", "]"] : ["{", "}"];
    out =
      text.slice(0, open) +
      l +
      eol +
      rendered.map((x) => indent + x).join("," + eol) +
      eol +
      base +
      r +
      text.slice(close);
  }
  const check = parseParams(out, params.file);
  for (const [key, value] of entries)
    if (!check.entries.some((e) => e.key === key && e.value === value))
      throw new ApiFileError("ParamsInvalid", params.file, 1, [msg("ApiParamsEntryNotAdded", key)]);
  return out;
}
