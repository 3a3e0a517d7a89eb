/**
 * What a CloudFormation template declares and references, read from its YAML nodes with their
 * lines: parameters, conditions, resources, the DynamoDB tables (with the spelling of each), and every
 * reference (`Ref`, `GetAtt`, `${…}` in `Sub`, `DependsOn`, conditions) in the short or the long form.
 */
import { isMap, isScalar, isSeq, Node, Pair, Scalar, YAMLMap } from "yaml";
import { child, columnOf, entries, intrinsic, lineOf, ParsedYaml, scalarText, walkNodes } from "./cfnYaml";
import { NameStyle, resourceTablePart, styleOf, tableKey, TableNames, withResource } from "./naming";

export interface Declared {
  name: string;
  line: number;
  node: Node | undefined;
  keyNode: Scalar;
}

export interface ResourceInfo extends Declared {
  type: string;
  /** The resource's mapping (Type, Properties, DependsOn…). */
  body: YAMLMap | undefined;
}

export interface TableInfo {
  resource: ResourceInfo;
  key: string;
  /** The table part of the resource name as written (`ScoresClientes`). */
  part: string;
  style: NameStyle;
  /** The names its pieces must have, following the resource's spelling. */
  names: TableNames;
}

export type ReferenceKind = "Ref" | "GetAtt" | "Sub" | "DependsOn" | "Condition";

export interface Reference {
  kind: ReferenceKind;
  target: string;
  line: number;
  /** The resource (or section: Outputs, Conditions…) the reference is in. */
  from: string;
  node: Node;
}

export interface TemplateModel {
  file: string;
  parsed: ParsedYaml;
  parametersNode?: YAMLMap;
  resourcesNode?: YAMLMap;
  parameters: Map<string, Declared>;
  conditions: Map<string, Declared>;
  resources: Map<string, ResourceInfo>;
  tables: TableInfo[];
  references: Reference[];
  layout: Layout;
}

/** How the file is written, so that new nodes look like the rest. */
export interface Layout {
  /** Spaces per level. */
  indent: number;
  /** `- item` one level in from its key (true) or at the key's column (false). */
  indentSeq: boolean;
  /** `[ a, b ]` (true) or `[a, b]`. */
  flowPadding: boolean;
  eol: string;
}

export const PSEUDO_PARAMETERS = new Set([
  "AWS::AccountId",
  "AWS::NotificationARNs",
  "AWS::NoValue",
  "AWS::Partition",
  "AWS::Region",
  "AWS::StackId",
  "AWS::StackName",
  "AWS::URLSuffix",
]);

function declared(node: unknown, parsed: ParsedYaml): Map<string, Declared> {
  const out = new Map<string, Declared>();
  for (const e of entries(node))
    out.set(e.key, { name: e.key, line: lineOf(parsed, e.keyNode.range?.[0] ?? 0), node: e.value, keyNode: e.keyNode });
  return out;
}

/** `${Name}` and `${Name.Attr}` in a Sub string; `${!Literal}` is text, and `vars` are the Sub's own. */
export function subReferences(template: string, vars: Set<string> = new Set()): string[] {
  const out: string[] = [];
  for (const m of template.matchAll(/\$\{([^}]*)\}/g)) {
    const inner = m[1].trim();
    if (!inner || inner.startsWith("!")) continue;
    const name = inner.split(".")[0];
    if (vars.has(inner) || vars.has(name)) continue;
    out.push(inner.includes("::") ? inner : name);
  }
  return out;
}

/** The targets an intrinsic function node references (for Sub, GetAtt, Ref, Condition). */
export function referencesOf(fn: string, arg: Node | undefined): Array<{ kind: ReferenceKind; target: string }> {
  switch (fn) {
    case "Ref": {
      const t = scalarText(arg);
      return t ? [{ kind: "Ref", target: t }] : [];
    }
    case "Condition": {
      const t = scalarText(arg);
      return t ? [{ kind: "Condition", target: t }] : [];
    }
    case "GetAtt": {
      const text = scalarText(arg);
      if (text) return [{ kind: "GetAtt", target: text.split(".")[0] }];
      if (isSeq(arg)) {
        const first = scalarText(arg.items[0]);
        return first ? [{ kind: "GetAtt", target: first }] : [];
      }
      return [];
    }
    case "Sub": {
      const text = scalarText(arg);
      if (text !== undefined) return subReferences(text).map((target) => ({ kind: "Sub" as const, target }));
      if (isSeq(arg)) {
        const template = scalarText(arg.items[0]) ?? "";
        const vars = new Set(entries(arg.items[1]).map((e) => e.key));
        return subReferences(template, vars).map((target) => ({ kind: "Sub" as const, target }));
      }
      return [];
    }
    case "If": {
      const first = isSeq(arg) ? scalarText(arg.items[0]) : undefined;
      return first ? [{ kind: "Condition", target: first }] : [];
    }
    default:
      return [];
  }
}

function collectReferences(node: unknown, from: string, parsed: ParsedYaml, out: Reference[]): void {
  for (const n of walkNodes(node)) {
    const call = intrinsic(n);
    if (!call) continue;
    for (const r of referencesOf(call.fn, call.arg))
      out.push({ ...r, from, node: n, line: lineOf(parsed, n.range?.[0] ?? 0) });
  }
}

/** The layout of `sample` (a table's resource when there is one, else the whole Resources mapping). */
export function detectLayout(parsed: ParsedYaml, sample: YAMLMap | undefined): Layout {
  const resources = sample;
  const text = parsed.text;
  let indent = 2;
  const first = resources?.items[0] as Pair<Scalar, YAMLMap> | undefined;
  if (first && isMap(first.value) && first.value.items[0]) {
    const keyCol = columnOf(text, first.key.range![0]);
    const innerCol = columnOf(text, (first.value.items[0].key as Scalar).range![0]);
    if (innerCol > keyCol) indent = innerCol - keyCol;
  }
  // A block sequence whose dash sits at its key's column: `indentSeq: false`.
  let indentSeq = true;
  for (const n of walkNodes(resources)) {
    if (!isMap(n)) continue;
    for (const pair of n.items) {
      if (isSeq(pair.value) && !pair.value.flow && pair.value.range && isScalar(pair.key) && pair.key.range) {
        const dash = text.lastIndexOf("-", pair.value.range[0]);
        indentSeq = columnOf(text, dash) > columnOf(text, pair.key.range[0]);
        return { indent, indentSeq, flowPadding: /!\w+ \[ /.test(text), eol: text.includes("\r\n") ? "\r\n" : "\n" };
      }
    }
  }
  return { indent, indentSeq, flowPadding: /!\w+ \[ /.test(text), eol: text.includes("\r\n") ? "\r\n" : "\n" };
}

export function readTemplate(parsed: ParsedYaml, file: string): TemplateModel {
  const root = parsed.doc.contents;
  const parametersNode = child(root, "Parameters");
  const resourcesNode = child(root, "Resources");
  const resources = new Map<string, ResourceInfo>();
  for (const [name, d] of declared(resourcesNode, parsed)) {
    const type = scalarText(child(d.node, "Type")) ?? "";
    resources.set(name, { ...d, type, body: isMap(d.node) ? (d.node as YAMLMap) : undefined });
  }
  const tables: TableInfo[] = [];
  for (const r of resources.values()) {
    if (r.type !== "AWS::DynamoDB::Table") continue;
    const part = resourceTablePart(r.name);
    const key = tableKey(part);
    const names = withResource(part, key, r.name);
    tables.push({ resource: r, key, part, style: styleOf(r.name), names });
  }
  // Every reference of the template: computed when first asked for (add-table's first read does not need them).
  let references: Reference[] | undefined;
  const collect = (): Reference[] => {
    const out: Reference[] = [];
    for (const r of resources.values()) {
      collectReferences(r.node, r.name, parsed, out);
      const dependsOn = child(r.node, "DependsOn");
      const items = isSeq(dependsOn) ? dependsOn.items : dependsOn ? [dependsOn] : [];
      for (const item of items) {
        const target = scalarText(item);
        if (target)
          out.push({
            kind: "DependsOn",
            target,
            from: r.name,
            node: item as Node,
            line: lineOf(parsed, (item as Node).range?.[0] ?? 0),
          });
      }
      const conditionNode = child(r.node, "Condition");
      const condition = scalarText(conditionNode);
      if (condition && conditionNode)
        out.push({
          kind: "Condition",
          target: condition,
          from: r.name,
          node: conditionNode,
          line: lineOf(parsed, conditionNode.range?.[0] ?? 0),
        });
    }
    for (const section of ["Outputs", "Conditions", "Metadata", "Rules"])
      collectReferences(child(root, section), section, parsed, out);
    return out;
  };
  return {
    file,
    parsed,
    parametersNode: isMap(parametersNode) ? (parametersNode as YAMLMap) : undefined,
    resourcesNode: isMap(resourcesNode) ? (resourcesNode as YAMLMap) : undefined,
    parameters: declared(parametersNode, parsed),
    conditions: declared(child(root, "Conditions"), parsed),
    resources,
    tables,
    get references() {
      return (references ??= collect());
    },
    layout: detectLayout(parsed, isMap(resourcesNode) ? (resourcesNode as YAMLMap) : undefined),
  };
}

/** A declared name by its lower-case spelling (CloudFormation is case-sensitive; people are not). */
export function byLowerName<T extends { name: string }>(map: Map<string, T>): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const v of map.values()) {
    const k = v.name.toLowerCase();
    out.set(k, [...(out.get(k) ?? []), v]);
  }
  return out;
}

/** The statements of a policy resource (`PolicyDocument.Statement`, or each of `Policies[].PolicyDocument`). */
export function policyStatements(resource: ResourceInfo | undefined): Node[] {
  const out: Node[] = [];
  for (const n of walkNodes(child(resource?.node, "Properties"))) {
    const statement = child(n, "Statement");
    if (isSeq(statement)) out.push(...(statement.items as Node[]));
    else if (isMap(statement)) out.push(statement as Node);
  }
  return out;
}

/** The `Resource` entries of a statement, as nodes (a single value counts as one). */
export function statementResources(statement: Node): Node[] {
  const r = child(statement, "Resource");
  if (isSeq(r)) return r.items as Node[];
  return r ? [r] : [];
}

/**
 * What a statement resource names: the table resource and the suffix after its ARN (`""`, `/index/*`,
 * `/stream/*`), for `!GetAtt T.Arn`, `!Sub ${T.Arn}/index/*` and their long forms.
 */
export function arnTarget(node: Node): { target: string; suffix: string } | undefined {
  const call = intrinsic(node);
  if (!call) return undefined;
  if (call.fn === "GetAtt") {
    const ref = referencesOf("GetAtt", call.arg)[0];
    return ref ? { target: ref.target, suffix: "" } : undefined;
  }
  if (call.fn === "Sub") {
    const text = scalarText(call.arg) ?? (isSeq(call.arg) ? scalarText(call.arg.items[0]) : undefined);
    const m = text ? /^\$\{([A-Za-z0-9]+)\.Arn\}(.*)$/.exec(text.trim()) : null;
    return m ? { target: m[1], suffix: m[2] } : undefined;
  }
  return undefined;
}
