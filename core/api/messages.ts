/**
 * Messages of the API commands that have no task of their own (`lz api add-table`,
 * `lz api add-coordinator`) and of the files they refuse: what is wrong, where, what to do, in
 * English and Spanish. ApiFileError carries the key, the file and the line.
 */
import { format } from "util";
import type { Lang } from "../validator/types";
import { ApiFileError } from "./cfnYaml";

const MESSAGES: Record<string, { en: string; es: string }> = {
  TemplateInvalid: {
    en: "the template is not valid CloudFormation YAML: %s. Fix that line; the template was not written.",
    es: "la plantilla no es YAML válido de CloudFormation: %s. Corrija esa línea; la plantilla no se escribió.",
  },
  TemplateNoSection: {
    en: "the template has no %s mapping: is it a CloudFormation template?",
    es: "la plantilla no tiene la sección %s: ¿es una plantilla de CloudFormation?",
  },
  ParamsInvalid: {
    en: "the params file cannot be used: %s. Nothing was written.",
    es: "el archivo de params no se puede usar: %s. No se escribió nada.",
  },
  FileTooLarge: {
    en: "the file has %s bytes, more than the %s this command reads: is it the right file?",
    es: "el archivo tiene %s bytes, más de los %s que lee este comando: ¿es el archivo correcto?",
  },
  FileUnreadable: { en: "the file cannot be read: %s.", es: "el archivo no se puede leer: %s." },
  TableExists: {
    en: "the template already has %s (table %s): the table is already there, nothing was written.",
    es: "la plantilla ya tiene %s (tabla %s): la tabla ya existe, no se escribió nada.",
  },
  TableNameInvalid: {
    en: "'%s' is not a results-zone table name (letters, digits and _, starting with a letter).",
    es: "'%s' no es un nombre de tabla de la zona de resultados (letras, dígitos y _, empezando por letra).",
  },
  ApiNameInvalid: {
    en: "'%s' is not an API name (letters and digits, e.g. AlterCtraScoreDelta).",
    es: "'%s' no es un nombre de API (letras y dígitos, p. ej. AlterCtraScoreDelta).",
  },
  KeyInvalid: {
    en: "%s '%s' must be name:S or name:N (S text, N number), e.g. num_documento:S.",
    es: "%s '%s' debe ser nombre:S o nombre:N (S texto, N número), p. ej. num_documento:S.",
  },
  KeysSame: {
    en: "the partition key and the sort key are both '%s': give two attributes, or no --sort-key.",
    es: "la clave de partición y la de ordenamiento son ambas '%s': dé dos atributos, o no use --sort-key.",
  },
  NoKmsAlias: {
    en: "the template has no AWS::KMS::Alias and no table to copy KMSMasterKeyId from: add the API's key alias (s3KeyEncriptAlias) first.",
    es: "la plantilla no tiene AWS::KMS::Alias ni una tabla de la que copiar KMSMasterKeyId: agregue primero el alias de la llave del API (s3KeyEncriptAlias).",
  },
  ConditionMissing: {
    en: "the template declares no condition %s, which the tables' billing mode uses: add it under Conditions.",
    es: "la plantilla no declara la condición %s, que usa el modo de facturación de las tablas: agréguela en Conditions.",
  },
  PolicyMissing: {
    en: "the template has no resource %s to grant access to the table: add it, or name yours with %s.",
    es: "la plantilla no tiene el recurso %s que da acceso a la tabla: agréguelo, o nombre el suyo con %s.",
  },
  NoStatementForTables: {
    en: "%s has no Statement whose Resource is a list of DynamoDB ARNs or that allows dynamodb: actions: add one, then run again.",
    es: "%s no tiene un Statement cuyo Resource sea una lista de ARN de DynamoDB ni que permita acciones dynamodb: agregue uno y ejecute de nuevo.",
  },
  TagsInvalid: {
    en: "the tags file must hold a list of {Key, Value} or a mapping of key: value: %s.",
    es: "el archivo de etiquetas debe tener una lista de {Key, Value} o un mapeo clave: valor: %s.",
  },
  TokenSyntaxInvalid: {
    en: "token syntax '%s' must be replace-tokens, macro, or a template containing 'name' once (e.g. #{name}#).",
    es: "la sintaxis de tokens '%s' debe ser replace-tokens, macro, o una plantilla con 'name' una vez (p. ej. #{name}#).",
  },
  VerifyFailed: {
    en: "the edited template did not verify (%s): nothing was written; please report it with the template.",
    es: "la plantilla editada no se verificó (%s): no se escribió nada; repórtelo con la plantilla.",
  },
  CfgExists: {
    en: "%s already exists: the table has its coordinator, nothing was written.",
    es: "%s ya existe: la tabla ya tiene su coordinador, no se escribió nada.",
  },
  ExampleInvalid: {
    en: "the example coordinator file is not valid JSON: %s.",
    es: "el archivo de coordinador de ejemplo no es JSON válido: %s.",
  },
  ExampleNoTable: {
    en: "the example never names its own table '%s' (from its file name): give --example-table with the table it was written for.",
    es: "el ejemplo nunca nombra su propia tabla '%s' (de su nombre de archivo): dé --example-table con la tabla para la que se escribió.",
  },
  ExampleLeftovers: {
    en: "the new file would still name %s of the example at %s: give --example-zone/--example-api, or edit the example.",
    es: "el archivo nuevo todavía nombraría %s del ejemplo en %s: dé --example-zone/--example-api, o edite el ejemplo.",
  },
  ZoneInvalid: {
    en: "'%s' is not a results zone (an Impala database: letters, digits, _).",
    es: "'%s' no es una zona de resultados (una base de datos de Impala: letras, dígitos, _).",
  },
};

export function apiMessage(lang: Lang, code: string, ...args: Array<string | number>): string {
  const text = MESSAGES[code]?.[lang] ?? `${code} %s`;
  return format(text, ...args);
}

/** An ApiFileError as the user reads it: `file:line: message`. */
export function describeApiError(err: ApiFileError, lang: Lang): string {
  const where = err.file ? `${err.file}${err.line ? `:${err.line}` : ""}: ` : "";
  return where + apiMessage(lang, err.code, ...err.args);
}

export const API_MESSAGE_CODES = Object.keys(MESSAGES);
