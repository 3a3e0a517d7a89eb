/**
 * The API family (issue #16, process note 001): the CloudFormation template of the infrastructure
 * repository (API001–API012) and the coordinators of the analytics repository (API020–API026).
 * Listed in the one registry (core/validator/registry.ts), so the reports, the gate, `Rule severities`
 * and the rule pages work as for every other family.
 */
import type { Rule } from "../findings/rule";

const TEMPLATE_WHY =
  "Every table needs the same pieces in four spellings; a piece missing or misspelled fails the IaC pipeline late (a !Ref to nothing), or worse, deploys a table the API's roles cannot read.";

export const API_RULES = [
  {
    code: "API001",
    name: "template-invalid",
    severity: "error",
    category: "api",
    title: {
      en: "The CloudFormation template cannot be read.",
      es: "La plantilla de CloudFormation no se puede leer.",
    },
    message: { en: "The template cannot be read: %s", es: "La plantilla no se puede leer: %s" },
    fix: {
      en: "Fix the YAML at that line (a tag CloudFormation knows: !Ref, !Sub, !GetAtt, !If, !Select, !Join…; no key twice).",
      es: "Corrija el YAML en esa línea (una etiqueta que CloudFormation conozca: !Ref, !Sub, !GetAtt, !If, !Select, !Join…; sin claves repetidas).",
    },
    why: "Nothing else can be checked in a template that does not parse, and CloudFormation would reject it at deploy time.",
  },
  {
    code: "API002",
    name: "table-piece-missing",
    severity: "error",
    category: "api",
    title: {
      en: "A DynamoDB table lacks one of the pieces the process requires.",
      es: "A una tabla de DynamoDB le falta una de las piezas que exige el proceso.",
    },
    message: {
      en: "Table %s has no %s (expected %s).",
      es: "La tabla %s no tiene %s (se esperaba %s).",
    },
    fix: {
      en: "Add it as process note 001 shows, or let `lz api add-table` write every piece of a new table.",
      es: "Agréguela como muestra la nota de proceso 001, o deje que `lz api add-table` escriba todas las piezas de una tabla nueva.",
    },
    why: TEMPLATE_WHY,
    example: {
      language: "yaml",
      bad: "EKSRolePolicyDynamo:\n  DependsOn:\n    - DynamoAlterCtraapi\n    # DynamoScoresClientesapi is missing",
      good: "EKSRolePolicyDynamo:\n  DependsOn:\n    - DynamoAlterCtraapi\n    - DynamoScoresClientesapi",
    },
  },
  {
    code: "API003",
    name: "table-name-spelling",
    severity: "error",
    category: "api",
    title: {
      en: "A piece of a table is spelled differently from the table.",
      es: "Una pieza de una tabla está escrita distinto a la tabla.",
    },
    message: {
      en: "%s is spelled %s; for table %s it must be %s (CloudFormation names are case-sensitive).",
      es: "%s está escrito %s; para la tabla %s debe ser %s (CloudFormation distingue mayúsculas).",
    },
    fix: {
      en: "Rename it, and every reference to it, to the expected spelling (PascalCase or all lower case, as the table's resource).",
      es: "Renómbrelo, junto con cada referencia, a la forma esperada (PascalCase o todo en minúsculas, como el recurso de la tabla).",
    },
    why: "The note allows the table part in PascalCase or all lower case, but one table must use one spelling: a reference in the other one points to nothing.",
    example: {
      language: "yaml",
      bad: "DynamoScoresClientesapi: …\nDynamoscoresclientesapiReadScalableTarget: …",
      good: "DynamoScoresClientesapi: …\nDynamoScoresClientesapiReadScalableTarget: …",
    },
  },
  {
    code: "API004",
    name: "undeclared-reference",
    severity: "error",
    category: "api",
    title: {
      en: "A reference names something the template does not declare.",
      es: "Una referencia nombra algo que la plantilla no declara.",
    },
    message: {
      en: "%s %s in %s: the template declares no such parameter, resource or condition%s.",
      es: "%s %s en %s: la plantilla no declara ese parámetro, recurso ni condición%s.",
    },
    fix: {
      en: "Declare it, or correct the name (IAM statements and DependsOn must name tables that exist).",
      es: "Declárelo, o corrija el nombre (las sentencias de IAM y DependsOn deben nombrar tablas que existan).",
    },
    why: "CloudFormation rejects the whole stack for one dangling name, and only in the IaC pipeline, after the pull request.",
  },
  {
    code: "API005",
    name: "table-piece-crossed",
    severity: "error",
    category: "api",
    title: {
      en: "A piece of one table points at another table's piece.",
      es: "Una pieza de una tabla apunta a la pieza de otra tabla.",
    },
    message: {
      en: "%s, %s: names %s, expected %s.",
      es: "%s, %s: nombra %s, se esperaba %s.",
    },
    fix: {
      en: "Point it at the table's own piece (a copy of another table's block kept its names).",
      es: "Apúntela a la pieza de su propia tabla (una copia del bloque de otra tabla conservó sus nombres).",
    },
    why: "A copied block that still names the first table deploys without error and scales or names the wrong table.",
  },
  {
    code: "API006",
    name: "key-attribute-invalid",
    severity: "error",
    category: "api",
    title: {
      en: "A table's keys are not declared as DynamoDB needs them.",
      es: "Las claves de una tabla no están declaradas como DynamoDB las necesita.",
    },
    message: { en: "Table %s: %s", es: "Tabla %s: %s" },
    fix: {
      en: "One HASH key (the primary key) and at most one RANGE key (the sort key), each declared in AttributeDefinitions with type S or N, and no other attribute there.",
      es: "Una clave HASH (la primaria) y como mucho una RANGE (la de ordenamiento), cada una declarada en AttributeDefinitions con tipo S o N, y ningún otro atributo allí.",
    },
    why: "DynamoDB rejects the table at deploy time; the HU gives each table a primary key and a sort key with their types.",
  },
  {
    code: "API007",
    name: "params-entry-missing",
    severity: "error",
    category: "api",
    title: {
      en: "A capacity parameter has no value in a params file.",
      es: "Un parámetro de capacidad no tiene valor en un archivo de params.",
    },
    message: {
      en: "%s has no entry in %s.",
      es: "%s no tiene entrada en %s.",
    },
    fix: {
      en: "Add it, valued with the API's library variable (e.g. #{dy-<api>-api-tables-read-cu}#).",
      es: "Agréguela, con el valor de la variable de library del API (p. ej. #{dy-<api>-api-tables-read-cu}#).",
    },
    why: "A parameter without value stops the stack deployment; its capacities come from the library variables of the API.",
  },
  {
    code: "API008",
    name: "params-value-literal",
    severity: "warning",
    category: "api",
    title: {
      en: "A capacity value is written in the params file instead of naming a library variable.",
      es: "Un valor de capacidad está escrito en el archivo de params en vez de nombrar una variable de library.",
    },
    message: {
      en: "%s is %s in %s, not a library variable (expected e.g. %s).",
      es: "%s vale %s en %s, no una variable de library (se esperaba p. ej. %s).",
    },
    fix: {
      en: "Name the API's library variable in the pipeline's token syntax.",
      es: "Nombre la variable de library del API en la sintaxis de tokens del pipeline.",
    },
    why: "Capacities are set per environment in the library group productizar-variables-informacion-dy-aws (process note 001).",
  },
  {
    code: "API009",
    name: "library-variable-missing",
    severity: "error",
    category: "api",
    title: {
      en: "A library variable named by the params file is not in the variable group.",
      es: "Una variable de library que nombra el archivo de params no está en el grupo de variables.",
    },
    message: {
      en: "%s (for %s) is not in the variable group %s.",
      es: "%s (para %s) no está en el grupo de variables %s.",
    },
    fix: {
      en: "Create it in Pipelines › Library › the group (read 1,50, write 1,8000 per the note), or correct the name.",
      es: "Créela en Pipelines › Library › el grupo (lectura 1,50, escritura 1,8000 según la nota), o corrija el nombre.",
    },
    why: "An undefined token deploys its literal text as the capacity, and the stack fails.",
  },
  {
    code: "API010",
    name: "params-invalid",
    severity: "error",
    category: "api",
    title: { en: "A params file cannot be read.", es: "Un archivo de params no se puede leer." },
    message: { en: "The params file cannot be read: %s", es: "El archivo de params no se puede leer: %s" },
    fix: {
      en: 'Write it as a list of {"ParameterKey", "ParameterValue"} or as {"Parameters": {…}}, in strict JSON.',
      es: 'Escríbalo como lista de {"ParameterKey", "ParameterValue"} o como {"Parameters": {…}}, en JSON estricto.',
    },
    why: "The deploy reads the stack's values from it.",
  },
  {
    code: "API011",
    name: "params-entry-unknown",
    severity: "warning",
    category: "api",
    title: {
      en: "A params entry names a parameter the template does not declare.",
      es: "Una entrada de params nombra un parámetro que la plantilla no declara.",
    },
    message: {
      en: "%s in %s is not a parameter of the template%s.",
      es: "%s en %s no es un parámetro de la plantilla%s.",
    },
    fix: {
      en: "Remove it, or correct its spelling to the template's parameter.",
      es: "Elimínela, o corrija su escritura al parámetro de la plantilla.",
    },
    why: "CloudFormation refuses values for parameters it does not know; a misspelled key leaves the real one without value.",
  },
  {
    code: "API012",
    name: "policy-missing",
    severity: "error",
    category: "api",
    title: {
      en: "The template has DynamoDB tables but not the policy that grants access to them.",
      es: "La plantilla tiene tablas de DynamoDB pero no la política que da acceso a ellas.",
    },
    message: {
      en: "The template declares no %s (needed by %s table(s)).",
      es: "La plantilla no declara %s (lo necesitan %s tabla(s)).",
    },
    fix: {
      en: "Keep the API folder's EKSRolePolicyDynamo and GlueRolePolicy, or name yours in the task's inputs.",
      es: "Conserve EKSRolePolicyDynamo y GlueRolePolicy de la carpeta del API, o nombre las suyas en las entradas de la tarea.",
    },
    why: "Without it the API (EKS) or the coordinators (Glue) cannot read the tables.",
  },
  {
    code: "API020",
    name: "api-folder-name",
    severity: "error",
    category: "api",
    title: {
      en: "The API's folder is not named in PascalCase.",
      es: "La carpeta del API no está nombrada en PascalCase.",
    },
    message: {
      en: "The API folder %s is not PascalCase (expected %s).",
      es: "La carpeta del API %s no está en PascalCase (se esperaba %s).",
    },
    fix: {
      en: "Rename the folder (the note's examples: AlterCtraScoreDelta); pipelines and releases use that path.",
      es: "Renombre la carpeta (ejemplos de la nota: AlterCtraScoreDelta); los pipelines y releases usan esa ruta.",
    },
    why: "The deploy paths (/opt/gitDevops/ProductizarLaAnalitica/<ApiName>/API/cfg) and the pipelines' folders follow the API's name.",
  },
  {
    code: "API021",
    name: "cfg-folder-missing",
    severity: "error",
    category: "api",
    title: {
      en: "The API has no coordinator cfg folder.",
      es: "El API no tiene carpeta cfg de coordinadores.",
    },
    message: { en: "%s has no %s with coordinator files.", es: "%s no tiene %s con archivos de coordinador." },
    fix: {
      en: "Create <ApiName>/API/cfg with one <table>.json per table (`lz api add-coordinator`).",
      es: "Cree <ApiName>/API/cfg con un <tabla>.json por tabla (`lz api add-coordinator`).",
    },
    why: "The coordinators that load the tables are run from that folder in Deploy DEV and Deploy CER.",
  },
  {
    code: "API022",
    name: "coordinator-missing",
    severity: "error",
    category: "api",
    title: { en: "A table of the API has no coordinator.", es: "Una tabla del API no tiene coordinador." },
    message: { en: "Table %s has no coordinator file %s.", es: "La tabla %s no tiene archivo de coordinador %s." },
    fix: {
      en: "Create it from another table's file (`lz api add-coordinator --example …`).",
      es: "Créelo a partir del archivo de otra tabla (`lz api add-coordinator --example …`).",
    },
    why: "One coordinator per table loads it into DynamoDB; a table without one stays empty in the API.",
  },
  {
    code: "API023",
    name: "coordinator-unexpected",
    severity: "error",
    category: "api",
    title: {
      en: "A coordinator file is not named exactly as a table of the API.",
      es: "Un archivo de coordinador no se llama exactamente como una tabla del API.",
    },
    message: { en: "%s does not name a table of the API%s.", es: "%s no nombra una tabla del API%s." },
    fix: {
      en: "Name each file exactly as its table in the results zone, or remove it.",
      es: "Nombre cada archivo exactamente como su tabla en la zona de resultados, o elimínelo.",
    },
    why: "The note: one file per table, named as the table in the results zone; reservations and runs go by that name.",
  },
  {
    code: "API024",
    name: "cfg-invalid",
    severity: "error",
    category: "api",
    title: { en: "A coordinator file is not valid JSON.", es: "Un archivo de coordinador no es JSON válido." },
    message: { en: "%s cannot be read: %s", es: "%s no se puede leer: %s" },
    fix: {
      en: "Fix the JSON at that position (strict JSON: no comments, no trailing commas).",
      es: "Corrija el JSON en esa posición (JSON estricto: sin comentarios ni comas finales).",
    },
    why: "coordinatorV2.py fails on it in Deploy DEV.",
  },
  {
    code: "API025",
    name: "cfg-names-other",
    severity: "error",
    category: "api",
    title: {
      en: "A coordinator file names another table or zone than its own.",
      es: "Un archivo de coordinador nombra otra tabla o zona que la suya.",
    },
    message: {
      en: "%s: %s is %s, expected %s.",
      es: "%s: %s vale %s, se esperaba %s.",
    },
    fix: {
      en: "Replace the example's values with this table's and zone's.",
      es: "Reemplace los valores del ejemplo por los de esta tabla y zona.",
    },
    why: "A file copied from another table that still names it loads that table twice and this one never.",
  },
  {
    code: "API026",
    name: "logs-placeholder-missing",
    severity: "error",
    category: "api",
    title: {
      en: "The API's TMP_FILES/logs/test.txt is missing.",
      es: "Falta TMP_FILES/logs/test.txt del API.",
    },
    message: { en: "%s does not exist.", es: "%s no existe." },
    fix: {
      en: "Create the empty file (git keeps no empty folder; the coordinators write their logs there).",
      es: "Cree el archivo vacío (git no guarda carpetas vacías; los coordinadores escriben allí sus logs).",
    },
    why: "Without it the logs folder is not deployed and the coordinators fail to write their logs.",
  },
] satisfies Rule[];
