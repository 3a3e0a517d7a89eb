/**
 * Templates of the API process (process note 001) for tests and the bench: the realistic fixture
 * (test/fixtures/api), and a generated one of any size in the same layout (comments, blank lines,
 * short tags in block and flow forms, a flow DependsOn), to measure and check add-table at 3,000 lines.
 */
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "./taskRun";

export const API_FIXTURES = path.join(repoRoot, "test", "fixtures", "api");
export const INFRA_FOLDER = path.join(API_FIXTURES, "infra", "AlterCtraScoreDelta");
export const ANALYTICS_REPO = path.join(API_FIXTURES, "analytics");

export const readFixture = (name: string): string => fs.readFileSync(path.join(INFRA_FOLDER, name), "utf8");

const TAGS = [
  ["bancolombia:datos-personales", "clientes"],
  ["bancolombia:clasificacion-confidencialidad", "confidencial"],
  ["bancolombia:bkdiario", "no"],
];

const pascal = (t: string) =>
  t
    .split("_")
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");

function tableBlock(table: string, i: number): { params: string; resources: string } {
  const p = pascal(table);
  const key = table.replace(/_/g, "");
  const r = `Dynamo${p}api`;
  const params = `
  dynamo${key}api:
    Description: Nombre de tabla de dynamo-${table.replace(/_/g, "-")}-api
    Type: String

  Dy${p}ApiReadCapacityUnits:
    Description: Capacidades de lectura para la tabla dynamo-${table.replace(/_/g, "-")}-api
    Type: List<Number>

  Dy${p}ApiWriteCapacityUnits:
    Description: Capacidades de escritura para la tabla dynamo-${table.replace(/_/g, "-")}-api
    Type: List<Number>
`;
  const scaling = (kind: "Read" | "Write", target: number) => `
  ${r}${kind}ScalableTarget:
    Type: AWS::ApplicationAutoScaling::ScalableTarget
    Condition: IsDyTablesBillingModeProvisioned
    Properties:
      ResourceId: !Sub table/\${${r}}
      ScalableDimension: dynamodb:table:${kind}CapacityUnits
      MinCapacity: !Select [ 0, !Ref Dy${p}Api${kind}CapacityUnits ]
      MaxCapacity: !Select [ 1, !Ref Dy${p}Api${kind}CapacityUnits ]
      RoleARN: !Sub arn:aws:iam::\${AWS::AccountId}:role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable
      ServiceNamespace: dynamodb

  ${r}${kind}ScalingPolicy:
    Type: AWS::ApplicationAutoScaling::ScalingPolicy
    Condition: IsDyTablesBillingModeProvisioned
    Properties:
      PolicyName: ${r}${kind}ScalingPolicy
      PolicyType: TargetTrackingScaling
      ScalingTargetId: !Ref ${r}${kind}ScalableTarget
      TargetTrackingScalingPolicyConfiguration:
        TargetValue: ${target}
        PredefinedMetricSpecification:
          PredefinedMetricType: DynamoDB${kind}CapacityUtilization
`;
  const sort = i % 2 === 0;
  const resources = `
  # ---------------------------------------------------------------- ${table}
  ${r}:
    Type: AWS::DynamoDB::Table
    Properties:
      SSESpecification:
        KMSMasterKeyId: !Ref "s3KeyEncriptAlias"
        SSEEnabled: true
        SSEType: KMS
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: true
      TableName: !Ref dynamo${key}api
      BillingMode: !If [IsDyTablesBillingModeProvisioned, PROVISIONED, PAY_PER_REQUEST]
      AttributeDefinitions:
      - AttributeName: "id_${i}"
        AttributeType: "S"${
          sort
            ? `
      - AttributeName: "fecha_${i}"
        AttributeType: "N"`
            : ""
        }
      KeySchema:
      - AttributeName: "id_${i}"
        KeyType: HASH${
          sort
            ? `
      - AttributeName: "fecha_${i}"
        KeyType: RANGE`
            : ""
        }
      ProvisionedThroughput:
        ReadCapacityUnits: !If [ IsDyTablesBillingModeProvisioned, !Select [ 0, !Ref Dy${p}ApiReadCapacityUnits ], 0 ]
        WriteCapacityUnits: !If [ IsDyTablesBillingModeProvisioned, !Select [ 0, !Ref Dy${p}ApiWriteCapacityUnits ], 0 ]
      Tags:${TAGS.map(([k, v]) => `\n          - Key: '${k}'\n            Value: '${v}'`).join("")}
${scaling("Read", 80)}${scaling("Write", 60)}`;
  return { params, resources };
}

/** A template of `tables` tables in the fixture's layout (about 95 lines per table). */
export function generatedTemplate(tables: number): string {
  const names = Array.from({ length: tables }, (_, i) => `tabla_${String.fromCharCode(97 + (i % 26))}_${i}`);
  const blocks = names.map(tableBlock);
  const resources = names.map((t) => `Dynamo${pascal(t)}api`);
  return `AWSTemplateFormatVersion: "2010-09-09"
Description: API generada para medir (${tables} tablas)

# Parámetros
Parameters:
  Environment:
    Type: String
    AllowedValues: [dev, qa, pdn]
  EKSRoleName:
    Type: String
  GlueRoleName:
    Type: String
${blocks.map((b) => b.params).join("")}
Conditions:
  IsDyTablesBillingModeProvisioned: !Equals [ !Ref Environment, pdn ]

Resources:
  s3KeyEncript:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true

  s3KeyEncriptAlias:
    Type: AWS::KMS::Alias
    Properties:
      AliasName: !Sub alias/generada-\${Environment}
      TargetKeyId: !Ref s3KeyEncript
${blocks.map((b) => b.resources).join("")}
  EKSRolePolicyDynamo:
    Type: AWS::IAM::Policy
    DependsOn:
${resources.map((r) => `      - ${r}`).join("\n")}
    Properties:
      PolicyName: eks-generada
      Roles:
        - !Ref EKSRoleName
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: dynamodb:*
            Resource:
${resources.map((r) => `              - !GetAtt ${r}.Arn\n              - !Sub \${${r}.Arn}/index/*\n              - !Sub \${${r}.Arn}/stream/*`).join("\n")}

  GlueRolePolicy:
    Type: AWS::IAM::Policy
    DependsOn: [${resources.join(", ")}]
    Properties:
      PolicyName: glue-generada
      Roles:
        - !Ref GlueRoleName
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [dynamodb:PutItem, dynamodb:BatchWriteItem]
            Resource:
${resources.map((r) => `              - !GetAtt ${r}.Arn\n              - !Sub \${${r}.Arn}/index/*`).join("\n")}

Outputs:
  Tablas:
    Value: ${tables}
`;
}

/** The smallest generated template with at least `lines` lines. */
export function templateOfLines(lines: number): string {
  let tables = Math.max(1, Math.floor(lines / 110));
  let text = generatedTemplate(tables);
  while (text.split("\n").length < lines) text = generatedTemplate(++tables);
  return text;
}
