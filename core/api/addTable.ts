/**
 * `lz api add-table`: adds a DynamoDB table with every piece process note 001 lists, editing the
 * template IN PLACE. Only the new nodes are rendered (the `yaml` library, with the CloudFormation
 * tags), in the file's own layout, and spliced into the text at the offsets its parse gives; no
 * byte of the file is rewritten. The result is parsed again and checked (the new table has every
 * piece, wired to itself) before anything is handed back; the params files get their entries the
 * same way (params.ts). Nothing here writes files: the caller writes all of them, or none.
 *
 *   Parameters:  dynamo<t>api (String), Dy<T>ApiRead/WriteCapacityUnits (List<Number>)
 *   Resources:   Dynamo<T>api (AWS::DynamoDB::Table: KMS SSE with the API's key alias, point-in-time
 *                recovery, billing mode by IsDyTablesBillingModeProvisioned, keys, throughput, tags),
 *                its Read/Write ScalableTarget and ScalingPolicy (target 80 read, 60 write)
 *   EKSRolePolicyDynamo / GlueRolePolicy: DependsOn, and the ARNs in their statements
 *   params files: the capacity parameters → the API's library variables
 */
import { Document, isScalar, isSeq, Node, Pair, Scalar, YAMLMap, YAMLSeq } from "yaml";
import type { MessageArg, MessageKey } from "../i18n/catalogue";
import { msg } from "../i18n/catalogue";
import { ApiFileError, child, columnOf, intrinsic, parseCfnYaml, scalarText, walkNodes } from "./cfnYaml";
import { CAPACITY_PARAMETER, checkTemplate, DEFAULT_POLICIES, PolicyNames, POLICY_SUFFIXES } from "./checkTemplate";
import {
  API_NAME,
  DEFAULT_CAPACITY_VALUES,
  libraryVariables,
  NameStyle,
  TABLE_NAME,
  tableKey,
  TableNames,
  tableNames,
} from "./naming";
import { addParamsEntries, detectTokenSyntax, parseParams, TokenSyntax, tokenSyntax, variableIn } from "./params";
import {
  arnTarget,
  detectLayout,
  Layout,
  policyStatements,
  readTemplate,
  ResourceInfo,
  statementResources,
  TemplateModel,
} from "./template";

export interface KeySpec {
  name: string;
  type: "S" | "N";
}

export interface Tag {
  Key: string;
  Value: string;
}

export interface AddTableRequest {
  template: { file: string; text: string };
  params: Array<{ file: string; text: string }>;
  api: string;
  table: string;
  partitionKey: KeySpec;
  sortKey?: KeySpec;
  /** The table's tags; default: those of the template's last table, else the note's classification tags. */
  tags?: Tag[];
  /** How the resources spell the table; "auto" (default) follows the template's tables (PascalCase when none). */
  style?: NameStyle | "auto";
  /** Name (replace-tokens, macro) or template (#{name}#) of the params' token syntax; default: the files' own. */
  tokenSyntax?: string;
  policies?: PolicyNames;
  /** The condition of the billing mode; default: the one the template's tables use, else the note's. */
  condition?: string;
}

export interface LibraryVariable {
  name: string;
  /** The value the note gives for a new variable. */
  value: string;
  /** Already named by the params files (another table of the API uses it). */
  reused: boolean;
}

export interface AddTableResult {
  template: string;
  params: Array<{ file: string; text: string }>;
  names: TableNames;
  style: NameStyle;
  variables: LibraryVariable[];
  /** Parameters of the new table the params files give no value (the user must add them). */
  unvalued: Array<{ file: string; parameter: string }>;
  /** What was inserted into the template, at offsets of the original. */
  insertions: Insertion[];
}

export interface Insertion {
  offset: number;
  text: string;
}

/** The note's classification tags (bancolombia:*), used when the template has no table to copy them from. */
export const DEFAULT_TAGS: Tag[] = [
  { Key: "bancolombia:datos-personales", Value: "clientes" },
  { Key: "bancolombia:dominio-informacion", Value: "productos-canales" },
  { Key: "bancolombia:cumplimiento", Value: "no" },
  { Key: "bancolombia:clasificacion-confidencialidad", Value: "confidencial" },
  { Key: "bancolombia:clasificacion-integridad", Value: "impacto tolerable" },
  { Key: "bancolombia:clasificacion-disponibilidad", Value: "impacto moderado" },
  { Key: "bancolombia:bkmensual", Value: "no" },
  { Key: "bancolombia:bkdiario", Value: "no" },
];

export const DEFAULT_CONDITION = "IsDyTablesBillingModeProvisioned";
export const SCALING_TARGETS = { read: 80, write: 60 };
const AUTOSCALING_ROLE =
  "arn:aws:iam::${AWS::AccountId}:role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable";

/** `name:S` / `name:N` as the CLI takes them; undefined when malformed. */
export function parseKeySpec(text: string): KeySpec | undefined {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*:\s*(S|N)\s*$/.exec(text);
  return m ? { name: m[1], type: m[2] as "S" | "N" } : undefined;
}

const tagged = (tag: string, value: string) => Object.assign(new Scalar(value), { tag });
const quoted = (value: string) => Object.assign(new Scalar(value), { type: Scalar.QUOTE_DOUBLE });
function flow(tag: string | undefined, items: unknown[]): YAMLSeq {
  const seq = new YAMLSeq();
  seq.flow = true;
  if (tag) seq.tag = tag;
  seq.items = items.map((i) => (i instanceof Scalar || i instanceof YAMLSeq ? i : new Scalar(i)));
  return seq;
}

/** Where a node's last line ends (after its newline): new lines go there. */
function afterLine(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === "\n") return offset;
  const newline = text.indexOf("\n", offset);
  return newline < 0 ? text.length : newline + 1;
}

const nodeEnd = (n: Node) => n.range![1];

/** Text of pairs rendered alone, each line indented to `column`, in the file's layout. */
function renderPairs(pairs: Array<[string, unknown]>, column: number, layout: Layout): string[] {
  return pairs.map(([key, value]) => {
    const doc = new Document();
    const map = new YAMLMap();
    map.items.push(new Pair(new Scalar(key), doc.createNode(value)));
    doc.contents = map;
    const text = doc.toString({
      indent: layout.indent,
      indentSeq: layout.indentSeq,
      flowCollectionPadding: layout.flowPadding,
      lineWidth: 0,
    });
    const pad = " ".repeat(column);
    return text
      .replace(/\n$/, "")
      .split("\n")
      .map((l) => (l ? pad + l : l))
      .join(layout.eol);
  });
}

/** A flow sequence's items rendered as they sit inside its brackets: `a, !Sub "${X.Arn}/index/*"`. */
function renderFlowItems(items: unknown[], layout: Layout): string {
  const doc = new Document();
  doc.contents = flow(undefined, items);
  const text = doc.toString({ flowCollectionPadding: layout.flowPadding, lineWidth: 0 }).trim();
  return text.replace(/^\[\s*/, "").replace(/\s*\]$/, "");
}

/** Insertions that append `items` to a sequence node (block or flow), or turn a single value into a list. */
function appendToList(text: string, node: Node, items: unknown[], layout: Layout, fail: () => never): Insertion[] {
  if (isSeq(node) && node.flow) {
    const last = node.items[node.items.length - 1] as Node | undefined;
    const rendered = renderFlowItems(items, layout);
    if (last) return [{ offset: nodeEnd(last), text: `, ${rendered}` }];
    const open = text.indexOf("[", node.range![0]);
    return [{ offset: open + 1, text: rendered }];
  }
  if (isSeq(node)) {
    const last = node.items[node.items.length - 1] as Node | undefined;
    if (!last) return fail();
    const dash = text.lastIndexOf("-", last.range![0]);
    const column = columnOf(text, dash);
    const at = afterLine(text, nodeEnd(last));
    const lead = at === text.length && !text.endsWith("\n") ? layout.eol : "";
    const lines = items.map((item) => {
      const doc = new Document();
      doc.contents = doc.createNode([item]);
      return (
        " ".repeat(column) +
        doc
          .toString({ indent: layout.indent, flowCollectionPadding: layout.flowPadding, lineWidth: 0 })
          .replace(/\n$/, "")
          .split("\n")
          .join(layout.eol + " ".repeat(column))
      );
    });
    return [{ offset: at, text: lead + lines.join(layout.eol) + layout.eol }];
  }
  if (isScalar(node)) {
    // `DependsOn: A` → `DependsOn: [A, New]`: brackets around the value, the new items after it.
    return [
      { offset: node.range![0], text: "[" },
      { offset: nodeEnd(node), text: `, ${renderFlowItems(items, layout)}]` },
    ];
  }
  return fail();
}

/** Whether a pair of a mapping is separated from the previous one by a blank line. */
function blankBetween(text: string, map: YAMLMap): boolean {
  const n = map.items.length;
  if (n < 2) return false;
  const prev = map.items[n - 2].value as Node | null;
  const last = map.items[n - 1].key as Node;
  if (!prev?.range || !last.range) return false;
  return /\n[ \t]*\r?\n/.test(text.slice(afterLine(text, nodeEnd(prev)) - 1, last.range[0]));
}

/** Inserts rendered pairs after `after` (a pair of `map`), each followed by the map's own spacing. */
function insertPairs(text: string, map: YAMLMap, after: Pair, rendered: string[], layout: Layout): Insertion {
  const at = afterLine(text, nodeEnd((after.value ?? after.key) as Node));
  const blank = blankBetween(text, map) ? layout.eol : "";
  const lead = at === text.length && !text.endsWith("\n") ? layout.eol : "";
  return { offset: at, text: lead + rendered.map((r) => blank + r + layout.eol).join("") };
}

/** The last pair of `map` whose key `belongs`, else its last pair. */
function lastPair(map: YAMLMap, belongs: (key: string) => boolean): Pair {
  const pairs = map.items as Pair[];
  for (let i = pairs.length - 1; i >= 0; i--) if (belongs(String((pairs[i].key as Scalar).value))) return pairs[i];
  return pairs[pairs.length - 1];
}

function refuse(code: MessageKey, file: string, line: number, ...args: MessageArg[]): never {
  throw new ApiFileError(code, file, line, args);
}

function checkRequest(req: AddTableRequest): void {
  if (!API_NAME.test(req.api)) refuse("ApiNameInvalid", "", 0, req.api);
  if (!TABLE_NAME.test(req.table)) refuse("TableNameInvalid", "", 0, req.table);
  if (req.sortKey && req.sortKey.name === req.partitionKey.name) refuse("KeysSame", "", 0, req.sortKey.name);
}

/** The billing-mode condition the template's tables use (`!If [Cond, PROVISIONED, …]`). */
function billingCondition(model: TemplateModel): string | undefined {
  for (const t of model.tables) {
    const call = intrinsic(child(child(t.resource.node, "Properties"), "BillingMode"));
    if (call?.fn === "If" && isSeq(call.arg)) return scalarText(call.arg.items[0]);
  }
  return undefined;
}

/** KMSMasterKeyId as the template's last table writes it, else `!Ref <the KMS alias>`. */
function kmsKeyNode(model: TemplateModel, file: string): Node {
  const last = model.tables[model.tables.length - 1];
  const existing = last && child(child(child(last.resource.node, "Properties"), "SSESpecification"), "KMSMasterKeyId");
  if (existing) return existing.clone() as Node;
  const alias = [...model.resources.values()].find((r) => r.type === "AWS::KMS::Alias");
  if (!alias) refuse("NoKmsAlias", file, 1);
  return tagged("!Ref", alias.name);
}

function tagsNode(model: TemplateModel, tags: Tag[] | undefined): unknown {
  if (tags) return tags.map((t) => ({ Key: t.Key, Value: t.Value }));
  const last = model.tables[model.tables.length - 1];
  const existing = last && child(child(last.resource.node, "Properties"), "Tags");
  if (existing) return existing.clone();
  return DEFAULT_TAGS.map((t) => ({ Key: t.Key, Value: t.Value }));
}

/** The five resources of the table, as [name, node] pairs, in the note's order. */
function tableResources(
  names: TableNames,
  req: AddTableRequest,
  condition: string,
  kms: Node,
  tags: unknown,
): Array<[string, unknown]> {
  const keys = [req.partitionKey, ...(req.sortKey ? [req.sortKey] : [])];
  const capacity = (param: string) => flow("!If", [condition, flow("!Select", [0, tagged("!Ref", param)]), 0]);
  const table = {
    Type: "AWS::DynamoDB::Table",
    Properties: {
      SSESpecification: { KMSMasterKeyId: kms, SSEEnabled: true, SSEType: "KMS" },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TableName: tagged("!Ref", names.parameter),
      BillingMode: flow("!If", [condition, "PROVISIONED", "PAY_PER_REQUEST"]),
      AttributeDefinitions: keys.map((k) => ({ AttributeName: quoted(k.name), AttributeType: quoted(k.type) })),
      KeySchema: keys.map((k, i) => ({ AttributeName: quoted(k.name), KeyType: i === 0 ? "HASH" : "RANGE" })),
      ProvisionedThroughput: {
        ReadCapacityUnits: capacity(names.readCapacity),
        WriteCapacityUnits: capacity(names.writeCapacity),
      },
      Tags: tags,
    },
  };
  const target = (dimension: "Read" | "Write", param: string) => ({
    Type: "AWS::ApplicationAutoScaling::ScalableTarget",
    Condition: condition,
    Properties: {
      ResourceId: tagged("!Sub", `table/\${${names.resource}}`),
      ScalableDimension: `dynamodb:table:${dimension}CapacityUnits`,
      MinCapacity: flow("!Select", [0, tagged("!Ref", param)]),
      MaxCapacity: flow("!Select", [1, tagged("!Ref", param)]),
      RoleARN: tagged("!Sub", AUTOSCALING_ROLE),
      ServiceNamespace: "dynamodb",
    },
  });
  const policy = (dimension: "Read" | "Write", name: string, targetName: string, value: number) => ({
    Type: "AWS::ApplicationAutoScaling::ScalingPolicy",
    Condition: condition,
    Properties: {
      PolicyName: name,
      PolicyType: "TargetTrackingScaling",
      ScalingTargetId: tagged("!Ref", targetName),
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: value,
        PredefinedMetricSpecification: { PredefinedMetricType: `DynamoDB${dimension}CapacityUtilization` },
      },
    },
  });
  return [
    [names.resource, table],
    [names.readTarget, target("Read", names.readCapacity)],
    [names.readPolicy, policy("Read", names.readPolicy, names.readTarget, SCALING_TARGETS.read)],
    [names.writeTarget, target("Write", names.writeCapacity)],
    [names.writePolicy, policy("Write", names.writePolicy, names.writeTarget, SCALING_TARGETS.write)],
  ];
}

/** The DynamoDB ARN entries of a policy: the statement to extend and its Resource node. */
function tableStatement(policy: ResourceInfo, model: TemplateModel, file: string): Node {
  const statements = policyStatements(policy);
  const tables = new Set(model.tables.map((t) => t.resource.name.toLowerCase()));
  const withArns = statements.find((s) =>
    statementResources(s).some((r) => {
      const arn = arnTarget(r);
      return !!arn && tables.has(arn.target.toLowerCase());
    }),
  );
  if (withArns) return child(withArns, "Resource")!;
  const dynamo = statements.find((s) =>
    [...walkNodes(child(s, "Action"))].some((n) => /^dynamodb:/i.test(scalarText(n) ?? "")),
  );
  const resource = dynamo && child(dynamo, "Resource");
  if (resource && (isSeq(resource) || isScalar(resource))) return resource;
  return refuse("NoStatementForTables", file, policy.line, policy.name);
}

/** Replaces another table's name inside its parameter value with the new table's, in the same spelling. */
function valueForTable(existingValue: string, existingKey: string, table: string): string | undefined {
  const pattern = new RegExp(existingKey.split("").join("[-_]?"), "i");
  const m = pattern.exec(existingValue);
  if (!m) return undefined;
  const sep = m[0].includes("-") ? "-" : m[0].includes("_") ? "_" : "";
  const spelled = sep ? table.toLowerCase().replace(/[-_]/g, sep) : tableKey(table);
  return existingValue.slice(0, m.index) + spelled + existingValue.slice(m.index + m[0].length);
}

export function addTable(req: AddTableRequest): AddTableResult {
  checkRequest(req);
  const file = req.template.file;
  const text = req.template.text;
  const parsed = parseCfnYaml(text, file);
  const model = readTemplate(parsed, file);
  if (!model.parametersNode) refuse("TemplateNoSection", file, 1, "Parameters");
  if (!model.resourcesNode) refuse("TemplateNoSection", file, 1, "Resources");
  const policies = req.policies ?? DEFAULT_POLICIES;
  const syntax: TokenSyntax | undefined = req.tokenSyntax ? tokenSyntax(req.tokenSyntax) : undefined;
  if (req.tokenSyntax && !syntax) refuse("InputTokenSyntaxInvalid", "", 0, "tokenSyntax", req.tokenSyntax);
  const paramsFiles = req.params.map((p) => parseParams(p.text, p.file));

  const style: NameStyle =
    req.style && req.style !== "auto"
      ? req.style
      : model.tables.length && model.tables.filter((t) => t.style === "lower").length * 2 > model.tables.length
        ? "lower"
        : "pascal";
  const names = tableNames(req.table, style);
  // The table is already there when any of its names is, in any case, or another table has its key.
  const taken = [
    ...model.tables.filter((t) => t.key === names.key).map((t) => t.resource),
    ...[names.parameter, names.readCapacity, names.writeCapacity].flatMap((n) =>
      [...model.parameters.values()].filter((p) => p.name.toLowerCase() === n.toLowerCase()),
    ),
    ...[names.resource, names.readTarget, names.readPolicy, names.writeTarget, names.writePolicy].flatMap((n) =>
      [...model.resources.values()].filter((r) => r.name.toLowerCase() === n.toLowerCase()),
    ),
  ];
  if (taken.length) refuse("TableExists", file, taken[0].line, taken[0].name, req.table);

  const condition = req.condition ?? billingCondition(model) ?? DEFAULT_CONDITION;
  if (!model.conditions.has(condition)) refuse("ConditionMissing", file, 1, condition);
  const eks = model.resources.get(policies.eks);
  const glue = model.resources.get(policies.glue);
  if (!eks) refuse("PolicyMissing", file, 1, policies.eks, "--eks-policy");
  if (!glue) refuse("PolicyMissing", file, 1, policies.glue, "--glue-policy");

  const lastTable = model.tables[model.tables.length - 1];
  const sample = lastTable
    ? Object.assign(new YAMLMap(), { items: [new Pair(lastTable.resource.keyNode, lastTable.resource.node)] })
    : model.resourcesNode;
  const layout = detectLayout(parsed, sample);
  const insertions: Insertion[] = [];

  // Parameters, after the last parameter of a table (else the last one).
  const paramsMap = model.parametersNode!;
  const describe = `dynamo-${req.table.toLowerCase().replace(/_/g, "-")}-api`;
  const newParams: Array<[string, unknown]> = [
    [names.parameter, { Description: `Nombre de tabla de ${describe}`, Type: "String" }],
    [names.readCapacity, { Description: `Capacidades de lectura para la tabla ${describe}`, Type: "List<Number>" }],
    [names.writeCapacity, { Description: `Capacidades de escritura para la tabla ${describe}`, Type: "List<Number>" }],
  ];
  const tableParam = (k: string) => /^dynamo.+api$/i.test(k) || CAPACITY_PARAMETER.test(k);
  const paramColumn = columnOf(text, (paramsMap.items[0].key as Scalar).range![0]);
  insertions.push(
    insertPairs(text, paramsMap, lastPair(paramsMap, tableParam), renderPairs(newParams, paramColumn, layout), layout),
  );

  // Resources, after the last resource of a table (else the last one).
  const resourcesMap = model.resourcesNode!;
  const tablePrefixes = model.tables.map((t) => t.resource.name.toLowerCase());
  const belongs = (k: string) => tablePrefixes.some((p) => k.toLowerCase().startsWith(p));
  const resourceColumn = columnOf(text, (resourcesMap.items[0].key as Scalar).range![0]);
  const resources = tableResources(names, req, condition, kmsKeyNode(model, file), tagsNode(model, req.tags));
  insertions.push(
    insertPairs(
      text,
      resourcesMap,
      lastPair(resourcesMap, belongs),
      renderPairs(resources, resourceColumn, layout),
      layout,
    ),
  );

  // The policies: DependsOn and the ARNs in the statement that lists the tables.
  for (const [which, policy] of [
    ["eks", eks],
    ["glue", glue],
  ] as const) {
    const fail = () => refuse("NoStatementForTables", file, policy!.line, policy!.name);
    const dependsOn = child(policy!.node, "DependsOn");
    if (dependsOn) insertions.push(...appendToList(text, dependsOn, [names.resource], layout, fail));
    else {
      // No DependsOn yet: one is added after Type.
      const typePair = (policy!.body!.items as Pair[]).find((p) => scalarText(p.key) === "Type")!;
      const column = columnOf(text, (typePair.key as Scalar).range![0]);
      insertions.push({
        offset: afterLine(text, nodeEnd(typePair.value as Node)),
        text: renderPairs([["DependsOn", [names.resource]]], column, layout)[0] + layout.eol,
      });
    }
    const arns = POLICY_SUFFIXES[which].map((suffix) =>
      suffix ? tagged("!Sub", `\${${names.resource}.Arn}${suffix}`) : tagged("!GetAtt", `${names.resource}.Arn`),
    );
    insertions.push(...appendToList(text, tableStatement(policy!, model, file), arns, layout, fail));
  }

  const result = spliceAll(text, insertions);
  verify(result, file, names, policies);

  // Params files: the capacities as the API's library variables (reused when another table names them).
  const wanted = libraryVariables(req.api);
  const detected = syntax ?? detectTokenSyntax(paramsFiles) ?? tokenSyntax("replace-tokens")!;
  const variables = new Map<string, LibraryVariable>();
  const unvalued: AddTableResult["unvalued"] = [];
  const params = paramsFiles.map((pf) => {
    const existing = (kind: "read" | "write") =>
      pf.entries.find((e) => {
        const m = CAPACITY_PARAMETER.exec(e.key);
        return !!m && m[2].toLowerCase() === kind && !!variableIn(e.value, syntax);
      });
    const add: Array<[string, string]> = [];
    for (const [kind, parameter] of [
      ["read", names.readCapacity],
      ["write", names.writeCapacity],
    ] as const) {
      const same = existing(kind);
      const value = same ? same.value : detected.token(wanted[kind]);
      const variable = variableIn(value, syntax) ?? wanted[kind];
      if (!variables.has(variable) || same)
        variables.set(variable, { name: variable, value: DEFAULT_CAPACITY_VALUES[kind], reused: !!same });
      add.push([parameter, value]);
    }
    // The table name parameter, when the file values the other tables' ones: the same value, this table's name.
    const other = model.tables
      .map((t) => ({ key: t.key, entry: pf.entries.find((e) => e.key.toLowerCase() === `dynamo${t.key}api`) }))
      .find((o) => o.entry);
    const nameValue = other ? valueForTable(other.entry!.value, other.key, req.table) : undefined;
    if (nameValue) add.unshift([names.parameter, nameValue]);
    else unvalued.push({ file: pf.file, parameter: names.parameter });
    return { file: pf.file, text: addParamsEntries(pf, add) };
  });
  return { template: result, params, names, style, variables: [...variables.values()], unvalued, insertions };
}

/** Applies insertions (offsets of the original) in one pass. */
export function spliceAll(text: string, insertions: Insertion[]): string {
  const sorted = insertions.map((x, i) => ({ ...x, i })).sort((a, b) => a.offset - b.offset || a.i - b.i);
  let out = "";
  let pos = 0;
  for (const ins of sorted) {
    out += text.slice(pos, ins.offset) + ins.text;
    pos = ins.offset;
  }
  return out + text.slice(pos);
}

/** The edited template parses, and the new table has every piece, spelled and wired as itself. */
function verify(result: string, file: string, names: TableNames, policies: PolicyNames): void {
  let model: TemplateModel;
  try {
    model = readTemplate(parseCfnYaml(result, file), file);
  } catch (err) {
    const why = err instanceof ApiFileError ? msg("ApiAtLine", err.line, msg(err.code, ...err.args)) : String(err);
    throw new ApiFileError("VerifyFailed", file, 0, [why]);
  }
  const own = [
    names.parameter,
    names.readCapacity,
    names.writeCapacity,
    names.resource,
    names.readTarget,
    names.readPolicy,
    names.writeTarget,
    names.writePolicy,
  ];
  const problems = checkTemplate(model, file, { policies }).filter((f) =>
    f.args.some((a) => typeof a === "string" && own.includes(a)),
  );
  if (!model.tables.some((t) => t.resource.name === names.resource))
    throw new ApiFileError("VerifyFailed", file, 0, [msg("ApiNotATable", names.resource)]);
  if (problems.length)
    throw new ApiFileError("VerifyFailed", file, problems[0].line, [
      msg(
        "ApiVerifyRule",
        problems[0].rule,
        String(problems[0].args.find((a) => typeof a === "string" && own.includes(a))),
      ),
    ]);
}
