/**
 * The template rules (API002–API006, API012): every table has all of its pieces, spelled as the
 * table, wired to its own pieces, with valid keys; no reference names what the template does not
 * declare. Positions are the template's lines.
 */
import { isSeq, Node } from "yaml";
import { child, intrinsic, scalarText, walkNodes } from "./cfnYaml";
import { tableKey } from "./naming";
import {
  arnTarget,
  byLowerName,
  Declared,
  policyStatements,
  PSEUDO_PARAMETERS,
  referencesOf,
  statementResources,
  TableInfo,
  TemplateModel,
} from "./template";
import type { RuleCode } from "../findings/ruleCodes";
import type { RawFinding } from "../findings/types";
import { type Message, type MessageArg, msg } from "../i18n/catalogue";

export interface PolicyNames {
  /** The API's (EKS) role policy: DependsOn and statements with ARN, /index/*, /stream/*. */
  eks: string;
  /** The coordinators' (Glue) role policy: DependsOn and statements with ARN, /index/*. */
  glue: string;
}

export const DEFAULT_POLICIES: PolicyNames = { eks: "EKSRolePolicyDynamo", glue: "GlueRolePolicy" };

/** What each policy's statements must hold for every table, after its ARN. */
export const POLICY_SUFFIXES: Record<keyof PolicyNames, string[]> = {
  eks: ["", "/index/*", "/stream/*"],
  glue: ["", "/index/*"],
};

export const CAPACITY_PARAMETER = /^dy(.+)api(read|write)capacityunits$/i;

export interface TemplateCheckOptions {
  policies?: PolicyNames;
}

/** The pieces every table needs besides its own resource, each with its name in the findings. */
type Piece =
  "parameter" | "readCapacity" | "writeCapacity" | "readTarget" | "readPolicy" | "writeTarget" | "writePolicy";

const PIECE_TEXT: Record<Piece, Message> = {
  parameter: msg("ApiPieceParameter"),
  readCapacity: msg("ApiPieceReadCapacity"),
  writeCapacity: msg("ApiPieceWriteCapacity"),
  readTarget: msg("ApiPieceReadTarget"),
  readPolicy: msg("ApiPieceReadPolicy"),
  writeTarget: msg("ApiPieceWriteTarget"),
  writePolicy: msg("ApiPieceWritePolicy"),
};

const nodeLine = (model: TemplateModel, node: Node | undefined) =>
  node?.range ? model.parsed.lines.linePos(node.range[0]).line : 1;

/** The exact names every piece of a table must have (capacity parameters: PascalCase, see expectedCapacity). */
function pieceLookups(t: TableInfo): Array<{ piece: Piece; expected: string; section: "parameters" | "resources" }> {
  const n = t.names;
  return [
    { piece: "parameter", expected: n.parameter, section: "parameters" },
    { piece: "readCapacity", expected: n.readCapacity, section: "parameters" },
    { piece: "writeCapacity", expected: n.writeCapacity, section: "parameters" },
    { piece: "readTarget", expected: n.readTarget, section: "resources" },
    { piece: "readPolicy", expected: n.readPolicy, section: "resources" },
    { piece: "writeTarget", expected: n.writeTarget, section: "resources" },
    { piece: "writePolicy", expected: n.writePolicy, section: "resources" },
  ];
}

/**
 * Whether a found capacity parameter is spelled acceptably for its table: `Dy` + the table part
 * starting with a capital + `ApiReadCapacityUnits`; for a PascalCase table, exactly its Pascal part.
 */
function capacitySpellingOk(found: string, t: TableInfo, expected: string): boolean {
  if (t.style === "pascal") return found === expected;
  const m = /^Dy([A-Z][A-Za-z0-9]*)Api(Read|Write)CapacityUnits$/.exec(found);
  return !!m && tableKey(m[1]) === t.key;
}

export interface TablePieces {
  table: TableInfo;
  /** The declared piece for each lookup, by piece name (found by lower case). */
  found: Partial<Record<Piece, Declared>>;
}

export function checkTemplate(model: TemplateModel, file: string, options: TemplateCheckOptions = {}): RawFinding[] {
  const policies = options.policies ?? DEFAULT_POLICIES;
  const out: RawFinding[] = [];
  const at = (rule: RuleCode, line: number, args: MessageArg[]) => out.push({ rule, file, line, column: 1, args });
  const parameters = byLowerName(model.parameters);
  const resources = byLowerName(model.resources);
  /** References already reported as a spelling (API003): not again as undeclared (API004). */
  const spelled = new Set<Node>();

  const pieces: TablePieces[] = [];
  for (const t of model.tables) {
    const found: TablePieces["found"] = {};
    for (const { piece, expected, section } of pieceLookups(t)) {
      const candidates = (section === "parameters" ? parameters : resources).get(expected.toLowerCase()) ?? [];
      const exact = candidates.find((c) => c.name === expected);
      const declared = exact ?? candidates[0];
      if (!declared) {
        at("API002", t.resource.line, [t.resource.name, PIECE_TEXT[piece], expected]);
        continue;
      }
      found[piece] = declared;
      const ok =
        piece === "readCapacity" || piece === "writeCapacity"
          ? capacitySpellingOk(declared.name, t, expected)
          : declared.name === expected;
      if (!ok) at("API003", declared.line, [PIECE_TEXT[piece], declared.name, t.resource.name, expected]);
    }
    pieces.push({ table: t, found });
    checkWiring(model, t, found, at);
    checkKeys(model, t, at);
  }
  if (model.tables.length) checkPolicies(model, policies, at, spelled);
  checkReferences(model, at, spelled);
  return out;
}

type At = (rule: RuleCode, line: number, args: MessageArg[]) => void;

/** The references inside a node (every Ref, GetAtt and ${…} of Sub), with their nodes. */
function refsIn(node: unknown): Array<{ target: string; node: Node }> {
  const out: Array<{ target: string; node: Node }> = [];
  for (const n of walkNodes(node)) {
    const call = intrinsic(n);
    if (call)
      for (const r of referencesOf(call.fn, call.arg))
        if (r.kind !== "Condition") out.push({ target: r.target, node: n });
  }
  return out;
}

/** API005: the pieces of a table name that table's pieces, not another's. */
function checkWiring(model: TemplateModel, t: TableInfo, found: TablePieces["found"], at: At): void {
  const expectRefs = (owner: Declared | undefined, path: string[], expected: Declared | undefined, label: string) => {
    if (!owner || !expected) return;
    let node: unknown = owner.node;
    for (const key of path) node = child(node, key);
    for (const ref of refsIn(node))
      if (ref.target.toLowerCase() !== expected.name.toLowerCase() && !PSEUDO_PARAMETERS.has(ref.target))
        at("API005", nodeLine(model, ref.node), [owner.name, label, ref.target, expected.name]);
  };
  const table = t.resource;
  expectRefs(table, ["Properties", "TableName"], found.parameter, "TableName");
  expectRefs(
    table,
    ["Properties", "ProvisionedThroughput", "ReadCapacityUnits"],
    found.readCapacity,
    "ReadCapacityUnits",
  );
  expectRefs(
    table,
    ["Properties", "ProvisionedThroughput", "WriteCapacityUnits"],
    found.writeCapacity,
    "WriteCapacityUnits",
  );
  for (const [target, policy, capacity, dimension, metric] of [
    [
      found.readTarget,
      found.readPolicy,
      found.readCapacity,
      "dynamodb:table:ReadCapacityUnits",
      "DynamoDBReadCapacityUtilization",
    ],
    [
      found.writeTarget,
      found.writePolicy,
      found.writeCapacity,
      "dynamodb:table:WriteCapacityUnits",
      "DynamoDBWriteCapacityUtilization",
    ],
  ] as Array<[Declared | undefined, Declared | undefined, Declared | undefined, string, string]>) {
    expectRefs(target, ["Properties", "ResourceId"], table, "ResourceId");
    expectRefs(target, ["Properties", "MinCapacity"], capacity, "MinCapacity");
    expectRefs(target, ["Properties", "MaxCapacity"], capacity, "MaxCapacity");
    expectRefs(policy, ["Properties", "ScalingTargetId"], target, "ScalingTargetId");
    const dim = target && child(child(target.node, "Properties"), "ScalableDimension");
    if (dim && scalarText(dim) !== undefined && scalarText(dim) !== dimension)
      at("API005", nodeLine(model, dim), [target!.name, "ScalableDimension", scalarText(dim)!, dimension]);
    const metricNode =
      policy &&
      child(
        child(
          child(child(policy.node, "Properties"), "TargetTrackingScalingPolicyConfiguration"),
          "PredefinedMetricSpecification",
        ),
        "PredefinedMetricType",
      );
    if (metricNode && scalarText(metricNode) !== undefined && scalarText(metricNode) !== metric)
      at("API005", nodeLine(model, metricNode), [
        policy!.name,
        "PredefinedMetricType",
        scalarText(metricNode)!,
        metric,
      ]);
  }
}

/** API006: one HASH key, at most one RANGE key, each declared with type S or N, nothing else declared. */
function checkKeys(model: TemplateModel, t: TableInfo, at: At): void {
  const props = child(t.resource.node, "Properties");
  const defs = child(props, "AttributeDefinitions");
  const schema = child(props, "KeySchema");
  const name = t.resource.name;
  if (!isSeq(defs) || !isSeq(schema)) {
    // An intrinsic (e.g. !If) cannot be checked statically; a missing list can.
    if (!intrinsic(defs) && !intrinsic(schema)) at("API006", t.resource.line, [name, msg("ApiNoKeySchema")]);
    return;
  }
  const declared = new Map<string, Node>();
  for (const item of defs.items as Node[]) {
    const attr = scalarText(child(item, "AttributeName"));
    const type = child(item, "AttributeType");
    if (!attr) continue;
    if (declared.has(attr)) at("API006", nodeLine(model, item), [name, msg("ApiAttributeTwice", attr)]);
    declared.set(attr, item);
    const typeText = scalarText(type);
    if (typeText !== undefined && typeText !== "S" && typeText !== "N")
      at("API006", nodeLine(model, type), [name, msg("ApiAttributeType", attr, typeText)]);
  }
  const used = new Set<string>();
  const keySchemas: Node[] = [schema];
  for (const indexes of ["GlobalSecondaryIndexes", "LocalSecondaryIndexes"]) {
    const list = child(props, indexes);
    if (isSeq(list)) for (const index of list.items) keySchemas.push(child(index, "KeySchema") as Node);
  }
  keySchemas.forEach((ks) => {
    if (!isSeq(ks)) return;
    let hash = 0;
    let range = 0;
    let misplacedHash: Node | undefined;
    (ks.items as Node[]).forEach((item, position) => {
      const attr = scalarText(child(item, "AttributeName"));
      const kind = scalarText(child(item, "KeyType"));
      if (attr) used.add(attr);
      if (kind === "HASH") {
        hash++;
        if (position !== 0) misplacedHash = item;
      } else if (kind === "RANGE") range++;
      else if (kind !== undefined) at("API006", nodeLine(model, item), [name, msg("ApiKeyType", attr ?? "?", kind)]);
      if (attr && !declared.has(attr))
        at("API006", nodeLine(model, item), [name, msg("ApiKeyNotDeclared", attr, kind ?? "?")]);
    });
    if (hash !== 1) at("API006", nodeLine(model, ks), [name, msg("ApiHashCount", hash)]);
    else if (misplacedHash) at("API006", nodeLine(model, misplacedHash), [name, msg("ApiHashFirst")]);
    if (range > 1) at("API006", nodeLine(model, ks), [name, msg("ApiRangeCount", range)]);
  });
  for (const [attr, item] of declared)
    if (!used.has(attr)) at("API006", nodeLine(model, item), [name, msg("ApiAttributeUnused", attr)]);
}

/** API012 and API002 for the policies: DependsOn and the statements name every table. */
function checkPolicies(model: TemplateModel, policies: PolicyNames, at: At, spelled: Set<Node>): void {
  for (const which of ["eks", "glue"] as const) {
    const name = policies[which];
    const policy = model.resources.get(name);
    if (!policy) {
      at("API012", 1, [name, model.tables.length]);
      continue;
    }
    const dependsOn = child(policy.node, "DependsOn");
    const depends = (isSeq(dependsOn) ? (dependsOn.items as Node[]) : dependsOn ? [dependsOn] : []).map((n) => ({
      text: scalarText(n) ?? "",
      node: n,
    }));
    const arns = policyStatements(policy)
      .flatMap(statementResources)
      .map((n) => ({ arn: arnTarget(n), node: n }));
    for (const t of model.tables) {
      const r = t.resource.name;
      const dep = depends.find((d) => d.text.toLowerCase() === r.toLowerCase());
      if (!dep) at("API002", policy.line, [r, msg("ApiPieceDependsOn", name), r]);
      else if (dep.text !== r) {
        spelled.add(dep.node);
        at("API003", nodeLine(model, dep.node), [msg("ApiPieceDependsOn", name), dep.text, r, r]);
      }
      for (const suffix of POLICY_SUFFIXES[which]) {
        const shown = suffix ? `\${${r}.Arn}${suffix}` : `!GetAtt ${r}.Arn`;
        const hit = arns.find(
          (a) => a.arn && a.arn.suffix === suffix && a.arn.target.toLowerCase() === r.toLowerCase(),
        );
        if (!hit) at("API002", policy.line, [r, msg("ApiPieceStatement", shown, name), shown]);
        else if (hit.arn!.target !== r) {
          spelled.add(hit.node);
          at("API003", nodeLine(model, hit.node), [msg("ApiPieceStatement", shown, name), hit.arn!.target, r, r]);
        }
      }
    }
  }
}

/** API004 (or API003 when only the case differs): every reference names something declared. */
function checkReferences(model: TemplateModel, at: At, spelled: Set<Node>): void {
  const parameters = byLowerName(model.parameters);
  const resources = byLowerName(model.resources);
  const conditions = byLowerName(model.conditions);
  for (const ref of model.references) {
    if (spelled.has(ref.node)) continue;
    const t = ref.target;
    let pools: Array<Map<string, Declared>>;
    let lowerPools: Array<Map<string, Declared[]>>;
    if (ref.kind === "Condition") {
      pools = [model.conditions];
      lowerPools = [conditions];
    } else if (ref.kind === "GetAtt" || ref.kind === "DependsOn") {
      pools = [model.resources];
      lowerPools = [resources];
    } else {
      if (PSEUDO_PARAMETERS.has(t)) continue;
      pools = [model.parameters, model.resources];
      lowerPools = [parameters, resources];
    }
    if (pools.some((p) => p.has(t))) continue;
    const near = lowerPools.flatMap((p) => p.get(t.toLowerCase()) ?? [])[0];
    const kind = ref.kind === "Sub" ? "${…}" : ref.kind;
    at("API004", ref.line, [kind, t, ref.from, near ? msg("ApiDidYouMean", near.name) : ""]);
  }
}
