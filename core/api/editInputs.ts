/**
 * The inputs of `lz api add-table` and `lz api add-coordinator` (flags of the CLI; no task runs them)
 * → their requests, with a Problem for each value that cannot be used, before any file is read.
 */
import { type InputGetter, InputReader } from "../inputs";
import { type Problem, problem } from "../problem";
import type { AddCoordinatorRequest } from "./addCoordinator";
import { type KeySpec, parseKeySpec } from "./addTable";
import type { PolicyNames } from "./checkTemplate";
import type { NameStyle } from "./naming";
import { tokenSyntax } from "./params";

/** A value the command cannot do without: InputRequired naming it. */
function required(r: InputReader, name: string): string {
  const value = r.text(name);
  if (!value) r.problems.push(problem("InputRequired", "error", name, name));
  return value ?? "";
}

/** A key `name:S` or `name:N`: KeyInvalid naming the input when it is not. */
function key(r: InputReader, name: string, value: string | undefined): KeySpec | undefined {
  if (value === undefined) return undefined;
  const parsed = parseKeySpec(value);
  if (!parsed) r.problems.push(problem("KeyInvalid", "error", name, name, value));
  return parsed;
}

export interface AddTableInputs {
  template: string;
  api: string;
  table: string;
  partitionKey?: KeySpec;
  sortKey?: KeySpec;
  /** A YAML or JSON file with the table's tags. */
  tags?: string;
  style: NameStyle | "auto";
  tokenSyntax?: string;
  policies: PolicyNames;
}

export function addTableInputsFrom(get: InputGetter): { request: AddTableInputs; problems: Problem[] } {
  const r = new InputReader(get);
  const template = required(r, "template");
  const api = required(r, "api");
  const table = required(r, "table");
  const partitionKey = key(r, "partitionKey", required(r, "partitionKey") || undefined);
  const sortKey = key(r, "sortKey", r.text("sortKey"));
  const syntax = r.text("tokenSyntax");
  if (syntax && !tokenSyntax(syntax))
    r.problems.push(problem("InputTokenSyntaxInvalid", "error", "tokenSyntax", "tokenSyntax", syntax));
  const request: AddTableInputs = {
    template,
    api,
    table,
    partitionKey,
    sortKey,
    tags: r.text("tags"),
    style: r.pick("nameStyle", ["auto", "pascal", "lower"] as const),
    tokenSyntax: syntax,
    policies: { eks: r.text("eksPolicy") ?? "EKSRolePolicyDynamo", glue: r.text("gluePolicy") ?? "GlueRolePolicy" },
  };
  return { request, problems: r.problems };
}

export function addCoordinatorInputsFrom(get: InputGetter): {
  request: AddCoordinatorRequest;
  problems: Problem[];
} {
  const r = new InputReader(get);
  const request: AddCoordinatorRequest = {
    analyticsPath: required(r, "analytics"),
    api: required(r, "api"),
    table: required(r, "table"),
    zone: required(r, "zone"),
    example: required(r, "example"),
    exampleTable: r.text("exampleTable"),
    exampleZone: r.text("exampleZone"),
    exampleApi: r.text("exampleApi"),
  };
  return { request, problems: r.problems };
}
