/**
 * The template rules (API001–API006, API012) on a realistic template written from process note 001
 * (three tables, with and without a sort key, S and N keys), and on copies with the mistakes the note
 * warns about planted one at a time. Each test names the finding it expects and where.
 */
import { strict as assert } from "assert";
import { ApiFileError, parseCfnYaml } from "../../../core/api/cfnYaml";
import { checkTemplate } from "../../../core/api/checkTemplate";
import { readTemplate } from "../../../core/api/template";
import type { RawFinding } from "../../../core/findings/types";
import { renderArg } from "../../../core/i18n/catalogue";
import { readFixture } from "../../helpers/apiTemplates";

const TEMPLATE = readFixture("template.yaml");

/** The findings, their arguments as a reader of `lang` sees them (nested messages rendered). */
function check(text: string, lang: "en" | "es" = "en"): RawFinding[] {
  return checkTemplate(readTemplate(parseCfnYaml(text, "template.yaml"), "template.yaml"), "template.yaml").map(
    (f) => ({ ...f, args: f.args.map((a) => renderArg(lang, a)) }),
  );
}

/** The template with `from` replaced by `to` (exactly once: the test fails when the fixture changes). */
function planted(from: string, to: string, text = TEMPLATE): string {
  const at = text.indexOf(from);
  assert.ok(at >= 0 && text.indexOf(from, at + 1) < 0, `'${from}' must occur once in the template`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;
const brief = (f: RawFinding[]) =>
  [...f].sort((a, b) => a.line - b.line).map((x) => `${x.rule}@${x.line} ${x.args.join(" | ")}`);

describe("API template rules on the realistic template (process note 001)", () => {
  it("reads three tables, their spellings and both key shapes, and finds nothing", () => {
    const model = readTemplate(parseCfnYaml(TEMPLATE, "t"), "t");
    assert.deepEqual(
      model.tables.map((t) => [t.resource.name, t.names.parameter, t.names.readCapacity, t.style]),
      [
        ["DynamoScoresClientesapi", "dynamoscoresclientesapi", "DyScoresClientesApiReadCapacityUnits", "pascal"],
        ["DynamoAlterCtraapi", "dynamoalterctraapi", "DyAlterCtraApiReadCapacityUnits", "pascal"],
        ["DynamoDeltaProductosapi", "dynamodeltaproductosapi", "DyDeltaProductosApiReadCapacityUnits", "pascal"],
      ],
    );
    assert.deepEqual(brief(check(TEMPLATE)), []);
  });

  it("API002: a table missing from the DependsOn and the statements of EKSRolePolicyDynamo", () => {
    const text = planted(
      "      - DynamoAlterCtraapi\n      - DynamoDeltaProductosapi\n    Properties:",
      "      - DynamoDeltaProductosapi\n    Properties:",
    );
    const withoutArn = planted("              - !Sub ${DynamoAlterCtraapi.Arn}/stream/*\n", "", text);
    const found = check(withoutArn);
    assert.deepEqual(
      found.map((f) => f.rule),
      ["API002", "API002"],
      brief(found).join("\n"),
    );
    assert.match(String(found[0].args[1]), /DependsOn of EKSRolePolicyDynamo/);
    assert.equal(found[1].args[2], "${DynamoAlterCtraapi.Arn}/stream/*");
    assert.equal(found[0].line, lineOf(withoutArn, "  EKSRolePolicyDynamo:"));
  });

  it("API002: a table without its write scaling policy, and the glue statement's /index/*", () => {
    const start = TEMPLATE.indexOf("  DynamoAlterCtraapiWriteScalingPolicy:");
    const end = TEMPLATE.indexOf("  # ----", start);
    let text = TEMPLATE.slice(0, start) + TEMPLATE.slice(end);
    text = text.replace(
      "              - !GetAtt DynamoDeltaProductosapi.Arn\n              - !Sub ${DynamoDeltaProductosapi.Arn}/index/*\n\nOutputs",
      "              - !GetAtt DynamoDeltaProductosapi.Arn\n\nOutputs",
    );
    const found = check(text);
    assert.deepEqual(brief(found), [
      `API002@${lineOf(text, "  DynamoAlterCtraapi:")} DynamoAlterCtraapi | the write ScalingPolicy | DynamoAlterCtraapiWriteScalingPolicy`,
      `API002@${lineOf(text, "  GlueRolePolicy:")} DynamoDeltaProductosapi | the resource \${DynamoDeltaProductosapi.Arn}/index/* in a Statement of GlueRolePolicy | \${DynamoDeltaProductosapi.Arn}/index/*`,
    ]);
  });

  it("API003: the note's camelCase vs lower case — one piece spelled otherwise, and the references to it", () => {
    const text = TEMPLATE.replace(/DynamoAlterCtraapiReadScalableTarget/g, "DynamoalterctraapiReadScalableTarget");
    const found = check(text);
    assert.deepEqual(
      found.map((f) => f.rule),
      ["API003"],
      brief(found).join("\n"),
    );
    assert.deepEqual(found[0].args.slice(1), [
      "DynamoalterctraapiReadScalableTarget",
      "DynamoAlterCtraapi",
      "DynamoAlterCtraapiReadScalableTarget",
    ]);
    assert.equal(found[0].line, lineOf(text, "  DynamoalterctraapiReadScalableTarget:"));
    // Spelled differently in the policy's DependsOn only: a dangling name there, said as a spelling.
    const depends = planted("      - DynamoAlterCtraapi\n", "      - DynamoAlterctraapi\n");
    assert.deepEqual(
      brief(check(depends)).map((s) => s.split(" ")[0]),
      [`API003@${lineOf(depends, "- DynamoAlterctraapi")}`],
    );
  });

  it("API003: a capacity parameter in lower case for a PascalCase table", () => {
    const text = TEMPLATE.replace(/DyDeltaProductosApiWriteCapacityUnits/, "DydeltaproductosApiWriteCapacityUnits");
    const found = check(text);
    assert.equal(found[0].rule, "API003");
    assert.equal(found[0].args[1], "DydeltaproductosApiWriteCapacityUnits");
    // Its references still use the declared name's old spelling: each one is dangling (API004).
    assert.ok(
      found.slice(1).every((f) => f.rule === "API004"),
      brief(found).join("\n"),
    );
    assert.match(String(found[1].args[3]), /did you mean DydeltaproductosApiWriteCapacityUnits/);
  });

  it("API004: an IAM statement and a DependsOn naming a table that is not declared", () => {
    let text = planted(
      "              - !GetAtt DynamoAlterCtraapi.Arn\n              - !Sub ${DynamoAlterCtraapi.Arn}/index/*\n              - !GetAtt DynamoDeltaProductosapi.Arn\n              - !Sub ${DynamoDeltaProductosapi.Arn}/index/*\n\nOutputs",
      "              - !GetAtt DynamoAlterCtraapi.Arn\n              - !Sub ${DynamoAlterCtraapi.Arn}/index/*\n              - !GetAtt DynamoDeltaProductosapi.Arn\n              - !Sub ${DynamoDeltaProductosapi.Arn}/index/*\n              - !GetAtt DynamoBorradaapi.Arn\n\nOutputs",
    );
    text = planted(
      "DependsOn: [DynamoScoresClientesapi,",
      "DependsOn: [DynamoBorradaapi, DynamoScoresClientesapi,",
      text,
    );
    const found = check(text);
    assert.deepEqual(brief(found), [
      `API004@${lineOf(text, "DependsOn: [DynamoBorradaapi")} DependsOn | DynamoBorradaapi | GlueRolePolicy | `,
      `API004@${lineOf(text, "!GetAtt DynamoBorradaapi.Arn")} GetAtt | DynamoBorradaapi | GlueRolePolicy | `,
    ]);
  });

  it("API005: a copied block still pointing at the first table's capacity and target", () => {
    let text = planted(
      "MinCapacity: !Select [ 0, !Ref DyDeltaProductosApiReadCapacityUnits ]",
      "MinCapacity: !Select [ 0, !Ref DyScoresClientesApiReadCapacityUnits ]",
    );
    text = planted(
      "ScalingTargetId: !Ref DynamoDeltaProductosapiWriteScalableTarget",
      "ScalingTargetId: !Ref DynamoScoresClientesapiWriteScalableTarget",
      text,
    );
    const found = check(text);
    assert.deepEqual(brief(found), [
      `API005@${lineOf(text, "!Ref DyScoresClientesApiReadCapacityUnits ]\n      MaxCapacity: !Select [ 1, !Ref DyDelta")} DynamoDeltaProductosapiReadScalableTarget | MinCapacity | DyScoresClientesApiReadCapacityUnits | DyDeltaProductosApiReadCapacityUnits`,
      `API005@${lineOf(text, "ScalingTargetId: !Ref DynamoScoresClientesapiWriteScalableTarget\n      TargetTrackingScalingPolicyConfiguration:\n        TargetValue: 60\n        PredefinedMetricSpecification:\n          PredefinedMetricType: DynamoDBWriteCapacityUtilization\n\n  # ---------------------------------------------------------------- acceso")} DynamoDeltaProductosapiWriteScalingPolicy | ScalingTargetId | DynamoScoresClientesapiWriteScalableTarget | DynamoDeltaProductosapiWriteScalableTarget`,
    ]);
  });

  it("API006: a key of type other than S/N, a key not declared, an attribute in no key schema", () => {
    const badType = planted(
      'AttributeName: "cod_producto"\n        AttributeType: "N"',
      'AttributeName: "cod_producto"\n        AttributeType: "X"',
    );
    const found = check(badType, "es");
    assert.deepEqual(
      found.map((f) => f.rule),
      ["API006"],
    );
    assert.equal(found[0].line, lineOf(badType, 'AttributeType: "X"'));
    assert.match(
      String(found[0].args[1]),
      /el atributo cod_producto tiene tipo X; el proceso usa S \(texto\) o N \(número\)/,
    );

    const undeclared = planted(
      '      - AttributeName: "fecha_corte"\n        KeyType: RANGE',
      '      - AttributeName: "fecha"\n        KeyType: RANGE',
    );
    assert.deepEqual(
      check(undeclared).map((f) => String(f.args[1])),
      [
        "key attribute fecha (RANGE) is not in AttributeDefinitions",
        "attribute fecha_corte is in AttributeDefinitions but in no KeySchema (DynamoDB refuses it)",
      ],
    );
    const twoHash = planted(
      '      - AttributeName: "fecha_score"\n        KeyType: RANGE',
      '      - AttributeName: "fecha_score"\n        KeyType: HASH',
    );
    assert.match(String(check(twoHash)[0].args[1]), /KeySchema has 2 HASH key\(s\)/);
  });

  it("API012: the template has tables but no GlueRolePolicy", () => {
    const text = TEMPLATE.replace(/GlueRolePolicy/g, "GlueRolePolicyOld");
    assert.deepEqual(brief(check(text)), ["API012@1 GlueRolePolicy | 3"]);
  });

  it("long forms (Ref:, Fn::GetAtt, Fn::Sub) count as the short tags do", () => {
    const text = planted(
      "              - !GetAtt DynamoScoresClientesapi.Arn\n              - !Sub ${DynamoScoresClientesapi.Arn}/index/*\n              - !GetAtt DynamoAlterCtraapi.Arn\n              - !Sub ${DynamoAlterCtraapi.Arn}/index/*\n              - !GetAtt DynamoDeltaProductosapi.Arn\n              - !Sub ${DynamoDeltaProductosapi.Arn}/index/*\n\nOutputs",
      '              - Fn::GetAtt: [DynamoScoresClientesapi, Arn]\n              - { "Fn::Sub": "${DynamoScoresClientesapi.Arn}/index/*" }\n              - !GetAtt DynamoAlterCtraapi.Arn\n              - !Sub ${DynamoAlterCtraapi.Arn}/index/*\n              - !GetAtt DynamoDeltaProductosapi.Arn\n              - !Sub ${DynamoDeltaProductosapi.Arn}/index/*\n\nOutputs',
    );
    assert.deepEqual(brief(check(text)), []);
  });

  it("API001 material: a malformed template, an unknown tag, a duplicate key: the file and line", () => {
    const cases: Array<[string, string, RegExp]> = [
      [
        planted("      TableName: !Ref dynamoalterctraapi", "      TableName: !Reff dynamoalterctraapi"),
        "!Reff dynamoalterctraapi",
        /Unresolved tag: !Reff/,
      ],
      [
        planted("  s3KeyEncriptAlias:\n", "  s3KeyEncriptAlias:\n  s3KeyEncriptAlias:\n"),
        "  s3KeyEncriptAlias:\n  s3KeyEncriptAlias:",
        /Map keys must be unique/,
      ],
      [
        planted(
          '      BillingMode: !If [IsDyTablesBillingModeProvisioned, PROVISIONED, PAY_PER_REQUEST]\n      AttributeDefinitions:\n      - AttributeName: "id_contrato"',
          '      BillingMode: !If [IsDyTablesBillingModeProvisioned, PROVISIONED, PAY_PER_REQUEST\n      AttributeDefinitions:\n      - AttributeName: "id_contrato"',
        ),
        "BillingMode: !If [IsDyTablesBillingModeProvisioned, PROVISIONED, PAY_PER_REQUEST\n",
        /./,
      ],
    ];
    for (const [text, needle, why] of cases) {
      assert.throws(
        () => parseCfnYaml(text, "template.yaml"),
        (err: unknown) => {
          assert.ok(err instanceof ApiFileError);
          assert.equal(err.code, "TemplateInvalid");
          assert.equal(err.file, "template.yaml");
          const expected = lineOf(text, needle);
          assert.ok(err.line >= expected && err.line <= expected + 2, `line ${err.line}, expected about ${expected}`);
          assert.match(String(err.args[0]), why);
          return true;
        },
      );
    }
  });
});
