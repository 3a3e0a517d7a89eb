/**
 * add-table edits the template in place: the rest of the file is unchanged byte for byte (checked
 * line by line with a diff, independently of what add-table says it inserted), the new table passes
 * every template rule, and its resources are valid for CloudFormation's resource specification
 * (@aws-cdk/cfnspec: required properties, known properties, types).
 */
import { strict as assert } from "assert";
import { diffLines } from "diff";
import { isMap, isScalar, isSeq, Node } from "yaml";
import { addTable, AddTableRequest, parseKeySpec } from "../../../core/api/addTable";
import { ApiFileError, child, entries, intrinsic, parseCfnYaml } from "../../../core/api/cfnYaml";
import { checkTemplate } from "../../../core/api/checkTemplate";
import { readTemplate } from "../../../core/api/template";
import { readFixture, templateOfLines } from "../../helpers/apiTemplates";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the spec package has no ES module build
const cfnspec = require("@aws-cdk/cfnspec") as {
  specification(): { PropertyTypes: Record<string, Spec>; ResourceTypes: Record<string, Spec> };
};

interface PropertySpec {
  Required?: boolean;
  PrimitiveType?: string;
  Type?: string;
  ItemType?: string;
  PrimitiveItemType?: string;
}
interface Spec {
  Properties?: Record<string, PropertySpec>;
}

const TEMPLATE = readFixture("template.yaml");
const PARAMS = ["params-dev.json", "params-pdn.json"].map((file) => ({ file, text: readFixture(file) }));

const request = (over: Partial<AddTableRequest> = {}): AddTableRequest => ({
  template: { file: "template.yaml", text: TEMPLATE },
  params: PARAMS,
  api: "AlterCtraScoreDelta",
  table: "saldos_cartera",
  partitionKey: parseKeySpec("num_documento:S")!,
  sortKey: parseKeySpec("fecha_corte:N")!,
  ...over,
});

/**
 * What changed from `before` to `after`, line by line: every original line must still be there, in
 * order; a changed line is only allowed when the new one is the old one with text inserted (a flow
 * `DependsOn: [A, B]` that gets `, C`). Returns the added lines.
 */
function onlyInsertions(before: string, after: string): string[] {
  const added: string[] = [];
  const parts = diffLines(before, after);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.added) added.push(...part.value.split("\n").filter(Boolean));
    else if (part.removed) {
      const next = parts[i + 1];
      assert.ok(next?.added, `removed without a replacement: ${JSON.stringify(part.value)}`);
      const oldLines = part.value.split("\n");
      const newLines = next.value.split("\n");
      // Each removed line reappears, grown by an insertion (a common prefix and suffix cover it whole).
      for (const old of oldLines.filter(Boolean)) {
        const grown = newLines.find((n) => {
          let p = 0;
          while (p < old.length && n[p] === old[p]) p++;
          return n.length > old.length && n.endsWith(old.slice(p));
        });
        assert.ok(grown !== undefined, `line changed, not grown: ${JSON.stringify(old)}`);
      }
      added.push(...newLines.filter(Boolean));
      i++;
    }
  }
  return added;
}

/** A value node against its CloudFormation specification; intrinsic functions stand for any type. */
function checkValue(
  where: string,
  node: Node | undefined,
  spec: PropertySpec,
  types: Record<string, Spec>,
  resource: string,
  problems: string[],
): void {
  if (!node || intrinsic(node)) return;
  if (spec.PrimitiveType) {
    if (!isScalar(node)) problems.push(`${where}: ${spec.PrimitiveType} expected`);
    else if (spec.PrimitiveType === "Boolean" && typeof node.value !== "boolean")
      problems.push(`${where}: Boolean expected`);
    else if (["Integer", "Double", "Long"].includes(spec.PrimitiveType) && typeof node.value !== "number")
      problems.push(`${where}: ${spec.PrimitiveType} expected`);
    return;
  }
  if (spec.Type === "List") {
    if (!isSeq(node)) return void problems.push(`${where}: List expected`);
    (node.items as Node[]).forEach((item, i) =>
      checkValue(
        `${where}[${i}]`,
        item,
        spec.ItemType ? { Type: spec.ItemType } : { PrimitiveType: spec.PrimitiveItemType },
        types,
        resource,
        problems,
      ),
    );
    return;
  }
  if (spec.Type) {
    const typeSpec = types[`${resource}.${spec.Type}`] ?? types[spec.Type];
    if (!typeSpec) return void problems.push(`${where}: unknown type ${spec.Type}`);
    checkProperties(where, node, typeSpec, types, resource, problems);
  }
}

function checkProperties(
  where: string,
  node: Node | undefined,
  spec: Spec,
  types: Record<string, Spec>,
  resource: string,
  problems: string[],
): void {
  if (!isMap(node)) return void problems.push(`${where}: mapping expected`);
  const props = spec.Properties ?? {};
  for (const [name, p] of Object.entries(props))
    if (p.Required && !child(node, name)) problems.push(`${where}: required ${name} missing`);
  for (const e of entries(node)) {
    const p = props[e.key];
    if (!p) problems.push(`${where}: ${e.key} is not a property of ${resource}`);
    else checkValue(`${where}.${e.key}`, e.value, p, types, resource, problems);
  }
}

describe("lz api add-table (core/api/addTable)", () => {
  it("adds every piece of a table to the realistic template, the rest unchanged byte for byte", () => {
    const result = addTable(request());
    const added = onlyInsertions(TEMPLATE, result.template);
    assert.ok(added.some((l) => l.trim() === "DynamoSaldosCarteraapi:"));
    assert.ok(
      added.some((l) =>
        l.includes(
          "DependsOn: [DynamoScoresClientesapi, DynamoAlterCtraapi, DynamoDeltaProductosapi, DynamoSaldosCarteraapi]",
        ),
      ),
    );
    // The short tags of the original are where they were, as they were written.
    for (const tag of ["!Ref", "!Sub", "!If", "!Select", "!GetAtt", "!Join", "!Equals"]) {
      const count = (t: string) => t.split(tag + " ").length - 1;
      assert.ok(count(result.template) >= count(TEMPLATE), tag);
    }
    const model = readTemplate(parseCfnYaml(result.template, "t"), "t");
    assert.deepEqual(checkTemplate(model, "t"), []);
    const names = result.names;
    assert.deepEqual(
      [
        names.parameter,
        names.readCapacity,
        names.writeCapacity,
        names.resource,
        names.readTarget,
        names.readPolicy,
        names.writeTarget,
        names.writePolicy,
      ],
      [
        "dynamosaldoscarteraapi",
        "DySaldosCarteraApiReadCapacityUnits",
        "DySaldosCarteraApiWriteCapacityUnits",
        "DynamoSaldosCarteraapi",
        "DynamoSaldosCarteraapiReadScalableTarget",
        "DynamoSaldosCarteraapiReadScalingPolicy",
        "DynamoSaldosCarteraapiWriteScalableTarget",
        "DynamoSaldosCarteraapiWriteScalingPolicy",
      ],
    );
    const table = model.resources.get("DynamoSaldosCarteraapi")!;
    const props = child(table.node, "Properties");
    assert.equal(intrinsic(child(child(props, "SSESpecification"), "KMSMasterKeyId"))?.fn, "Ref");
    assert.equal(
      child(
        child(model.resources.get(names.readPolicy)!.node, "Properties"),
        "TargetTrackingScalingPolicyConfiguration",
      )?.toJSON().TargetValue,
      80,
    );
    assert.equal(
      child(
        child(model.resources.get(names.writePolicy)!.node, "Properties"),
        "TargetTrackingScalingPolicyConfiguration",
      )?.toJSON().TargetValue,
      60,
    );
    // The bank's classification tags, copied from the template's tables.
    assert.equal((child(props, "Tags") as { items: unknown[] }).items.length, 8);
  });

  it("writes resources valid for CloudFormation's resource specification (@aws-cdk/cfnspec)", () => {
    const spec = cfnspec.specification();
    const model = readTemplate(parseCfnYaml(addTable(request()).template, "t"), "t");
    const problems: string[] = [];
    const newOnes = [...model.resources.values()].filter((r) => r.name.startsWith("DynamoSaldosCarteraapi"));
    assert.equal(newOnes.length, 5);
    for (const r of newOnes) {
      const resourceSpec = spec.ResourceTypes[r.type];
      assert.ok(resourceSpec, `${r.type} is a CloudFormation resource type`);
      checkProperties(r.name, child(r.node, "Properties"), resourceSpec, spec.PropertyTypes, r.type, problems);
    }
    assert.deepEqual(problems, []);
    // The check itself can fail: a table without KeySchema, a Boolean written as text.
    const broken = readTemplate(
      parseCfnYaml(
        TEMPLATE.replace("PointInTimeRecoveryEnabled: true", 'PointInTimeRecoveryEnabled: "sí"').replace(
          / {6}KeySchema:\n {6}- AttributeName: "id_contrato"\n {8}KeyType: HASH\n/,
          "",
        ),
        "t",
      ),
      "t",
    );
    const found: string[] = [];
    for (const name of ["DynamoScoresClientesapi", "DynamoAlterCtraapi"]) {
      const r = broken.resources.get(name)!;
      checkProperties(name, child(r.node, "Properties"), spec.ResourceTypes[r.type], spec.PropertyTypes, r.type, found);
    }
    assert.ok(
      found.some((p) => /PointInTimeRecoveryEnabled: Boolean expected/.test(p)),
      found.join("\n"),
    );
    assert.ok(
      found.some((p) => /DynamoAlterCtraapi: required KeySchema missing/.test(p)),
      found.join("\n"),
    );
  });

  it("on a 3,000-line template: the rest of the file unchanged byte for byte, the new table complete", () => {
    const big = templateOfLines(3000);
    assert.ok(big.split("\n").length >= 3000);
    const result = addTable(request({ template: { file: "big.yaml", text: big }, params: [], table: "nueva_tabla" }));
    const added = onlyInsertions(big, result.template);
    assert.ok(added.length > 80 && added.length < 130, `${added.length} lines added`);
    // The check can fail: one byte changed elsewhere (a re-rendered file would change many).
    assert.throws(
      () => onlyInsertions(big, result.template.replace("TargetValue: 80", "TargetValue: 81")),
      /changed, not grown/,
    );
    assert.throws(() =>
      onlyInsertions(
        big,
        result.template.replace('KMSMasterKeyId: !Ref "s3KeyEncriptAlias"', "KMSMasterKeyId: !Ref s3KeyEncriptAlias"),
      ),
    );
    assert.deepEqual(checkTemplate(readTemplate(parseCfnYaml(result.template, "t"), "t"), "t"), []);
    // Removing what add-table says it inserted gives the original back, exactly.
    let restored = "";
    let pos = 0;
    let shift = 0;
    for (const ins of [...result.insertions].sort((a, b) => a.offset - b.offset)) {
      restored += result.template.slice(pos, ins.offset + shift);
      pos = ins.offset + shift + ins.text.length;
      shift += ins.text.length;
    }
    restored += result.template.slice(pos);
    assert.equal(restored, big);
  });

  it("adds the params entries in each file's own shape, reusing the API's library variables", () => {
    const result = addTable(request());
    const [dev, pdn] = result.params;
    assert.deepEqual(onlyInsertions(PARAMS[0].text, dev.text).slice(-3), [
      '  { "ParameterKey": "dynamosaldoscarteraapi", "ParameterValue": "dynamo-saldos-cartera-api-dev" },',
      '  { "ParameterKey": "DySaldosCarteraApiReadCapacityUnits", "ParameterValue": "#{dy-alter-ctra-score-delta-api-tables-read-cu}#" },',
      '  { "ParameterKey": "DySaldosCarteraApiWriteCapacityUnits", "ParameterValue": "#{dy-alter-ctra-score-delta-api-tables-write-cu}#" }',
    ]);
    assert.deepEqual(
      JSON.parse(pdn.text).Parameters.DySaldosCarteraApiWriteCapacityUnits,
      "#{dy-alter-ctra-score-delta-api-tables-write-cu}#",
    );
    assert.deepEqual(JSON.parse(pdn.text).Tags, JSON.parse(PARAMS[1].text).Tags);
    onlyInsertions(PARAMS[1].text, pdn.text);
    assert.deepEqual(
      result.variables.map((v) => [v.name, v.reused]),
      [
        ["dy-alter-ctra-score-delta-api-tables-read-cu", true],
        ["dy-alter-ctra-score-delta-api-tables-write-cu", true],
      ],
    );
  });

  it("names new library variables after the API, in the syntax asked for, when no table has them yet", () => {
    const fresh = [
      { file: "params.json", text: '[\n  { "ParameterKey": "Environment", "ParameterValue": "dev" }\n]\n' },
    ];
    const result = addTable(request({ params: fresh, tokenSyntax: "macro" }));
    const entries = JSON.parse(result.params[0].text);
    assert.deepEqual(entries.slice(1), [
      {
        ParameterKey: "DySaldosCarteraApiReadCapacityUnits",
        ParameterValue: "$(dy-alter-ctra-score-delta-api-tables-read-cu)",
      },
      {
        ParameterKey: "DySaldosCarteraApiWriteCapacityUnits",
        ParameterValue: "$(dy-alter-ctra-score-delta-api-tables-write-cu)",
      },
    ]);
    assert.deepEqual(
      result.variables.map((v) => [v.name, v.value, v.reused]),
      [
        ["dy-alter-ctra-score-delta-api-tables-read-cu", "1,50", false],
        ["dy-alter-ctra-score-delta-api-tables-write-cu", "1,8000", false],
      ],
    );
    assert.deepEqual(result.unvalued, [{ file: "params.json", parameter: "dynamosaldoscarteraapi" }]);
  });

  it("follows the template's lower-case spelling (auto), or the one asked for", () => {
    const lower = TEMPLATE.replace(
      /Dynamo(ScoresClientes|AlterCtra|DeltaProductos)api/g,
      (_m, p: string) => `Dynamo${p.toLowerCase()}api`,
    );
    assert.deepEqual(checkTemplate(readTemplate(parseCfnYaml(lower, "t"), "t"), "t"), []);
    const auto = addTable(request({ template: { file: "t", text: lower }, params: [] }));
    assert.equal(auto.names.resource, "Dynamosaldoscarteraapi");
    assert.equal(auto.style, "lower");
    const pascal = addTable(request({ template: { file: "t", text: lower }, params: [], style: "pascal" }));
    assert.equal(pascal.names.resource, "DynamoSaldosCarteraapi");
    assert.deepEqual(checkTemplate(readTemplate(parseCfnYaml(auto.template, "t"), "t"), "t"), []);
  });

  it("refuses a table that is already there, in any spelling, naming the file and line", () => {
    const line = TEMPLATE.slice(0, TEMPLATE.indexOf("  DynamoAlterCtraapi:")).split("\n").length;
    for (const table of ["alter_ctra", "Alter_Ctra", "alterctra"])
      assert.throws(
        () => addTable(request({ table })),
        (err: unknown) =>
          err instanceof ApiFileError &&
          err.code === "TableExists" &&
          err.file === "template.yaml" &&
          err.line === line,
        table,
      );
  });

  it("refuses bad input before anything: key types, names, a malformed template, a missing policy", () => {
    assert.equal(parseKeySpec("id:X"), undefined);
    assert.equal(parseKeySpec("id"), undefined);
    assert.deepEqual(parseKeySpec(" id : N "), { name: "id", type: "N" });
    const code = (over: Partial<AddTableRequest>) => {
      try {
        addTable(request(over));
      } catch (err) {
        return err instanceof ApiFileError ? `${err.code}:${err.line}` : String(err);
      }
      return "accepted";
    };
    assert.equal(code({ table: "1tabla" }), "TableNameInvalid:0");
    assert.equal(code({ api: "Alter/Ctra" }), "ApiNameInvalid:0");
    assert.equal(code({ sortKey: { name: "num_documento", type: "S" } }), "KeysSame:0");
    const unknownTag = TEMPLATE.replace("TargetKeyId: !Ref s3KeyEncript", "TargetKeyId: !Referencia s3KeyEncript");
    assert.equal(
      code({ template: { file: "t", text: unknownTag } }),
      `TemplateInvalid:${unknownTag.slice(0, unknownTag.indexOf("!Referencia")).split("\n").length}`,
    );
    assert.equal(
      code({ template: { file: "t", text: TEMPLATE.replace(/EKSRolePolicyDynamo/g, "OtraPolitica") } }),
      "PolicyMissing:1",
    );
    assert.equal(code({ params: [{ file: "p.json", text: "[{]" }] }), "ParamsInvalid:1");
    assert.equal(code({ tokenSyntax: "{{x}}" }), "InputTokenSyntaxInvalid:0");
  });

  it("turns a single DependsOn into a list, adds one where there is none, and keeps CRLF line ends", () => {
    let text = TEMPLATE.replace(
      "    DependsOn: [DynamoScoresClientesapi, DynamoAlterCtraapi, DynamoDeltaProductosapi]\n",
      "    DependsOn: DynamoScoresClientesapi\n",
    );
    text = text.replace(
      "    DependsOn:\n      - DynamoScoresClientesapi\n      - DynamoAlterCtraapi\n      - DynamoDeltaProductosapi\n",
      "",
    );
    const crlf = text.replace(/\n/g, "\r\n");
    const result = addTable(request({ template: { file: "t", text: crlf }, params: [] }));
    assert.ok(!/[^\r]\n/.test(result.template), "every line ends in CRLF");
    const model = readTemplate(parseCfnYaml(result.template, "t"), "t");
    assert.deepEqual(child(model.resources.get("GlueRolePolicy")!.node, "DependsOn")?.toJSON(), [
      "DynamoScoresClientesapi",
      "DynamoSaldosCarteraapi",
    ]);
    assert.deepEqual(child(model.resources.get("EKSRolePolicyDynamo")!.node, "DependsOn")?.toJSON(), [
      "DynamoSaldosCarteraapi",
    ]);
    assert.ok(result.template.includes("    DependsOn: [DynamoScoresClientesapi, DynamoSaldosCarteraapi]\r\n"));
  });

  it("adds the first table of a new API: the KMS alias, the note's tags, the dynamodb: statement", () => {
    const start = TEMPLATE.indexOf(
      "  # ---------------------------------------------------------------- scores_clientes",
    );
    const end = TEMPLATE.indexOf("  # ---------------------------------------------------------------- acceso");
    let text = TEMPLATE.slice(0, start) + TEMPLATE.slice(end);
    text = text.replace(/\n {2}(dynamo\w+api|Dy\w+CapacityUnits):\n( {4}.*\n)+/g, "\n");
    text = text.replace(/ {4}DependsOn:\n( {6}- .*\n)+/, "").replace(/ {4}DependsOn: \[.*\]\n/, "");
    text = text.replace(/( +)- !(GetAtt|Sub) \$?\{?Dynamo.*\n/g, "");
    text = text.replace(/ {12}Resource:\n(?= {10}- |\n)/g, "            Resource: []\n");
    text = text.replace(/Outputs:[\s\S]*$/, "");
    const result = addTable(request({ template: { file: "t", text }, params: [] }));
    const model = readTemplate(parseCfnYaml(result.template, "t"), "t");
    assert.deepEqual(checkTemplate(model, "t"), []);
    assert.equal(model.tables.length, 1);
    const tags = child(child(model.resources.get("DynamoSaldosCarteraapi")!.node, "Properties"), "Tags")?.toJSON();
    assert.equal(tags[0].Key, "bancolombia:datos-personales");
  });
});
