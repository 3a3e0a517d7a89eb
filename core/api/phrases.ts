/**
 * The phrases the API checks put inside their findings' messages (which piece is missing, what is
 * wrong with a key), in the report's language: a finding reads in one language. `%s` as in util.format.
 */
import { format } from "util";
import type { Lang } from "../validator/types";

const PHRASES = {
  parameter: { en: "the table name parameter", es: "el parámetro con el nombre de la tabla" },
  readCapacity: { en: "the read capacity parameter", es: "el parámetro de capacidad de lectura" },
  writeCapacity: { en: "the write capacity parameter", es: "el parámetro de capacidad de escritura" },
  readTarget: { en: "the read ScalableTarget", es: "el ScalableTarget de lectura" },
  readPolicy: { en: "the read ScalingPolicy", es: "la ScalingPolicy de lectura" },
  writeTarget: { en: "the write ScalableTarget", es: "el ScalableTarget de escritura" },
  writePolicy: { en: "the write ScalingPolicy", es: "la ScalingPolicy de escritura" },
  dependsOn: { en: "an entry in the DependsOn of %s", es: "una entrada en el DependsOn de %s" },
  statement: { en: "the resource %s in a Statement of %s", es: "el recurso %s en un Statement de %s" },
  didYouMean: { en: " (did you mean %s?)", es: " (¿quiso decir %s?)" },
  declaredAs: { en: " (declared as %s)", es: " (declarado como %s)" },
  attributeType: {
    en: "attribute %s has type %s; the process uses S (text) or N (number)",
    es: "el atributo %s tiene tipo %s; el proceso usa S (texto) o N (número)",
  },
  keyNotDeclared: {
    en: "key attribute %s (%s) is not in AttributeDefinitions",
    es: "el atributo de clave %s (%s) no está en AttributeDefinitions",
  },
  attributeUnused: {
    en: "attribute %s is in AttributeDefinitions but in no KeySchema (DynamoDB refuses it)",
    es: "el atributo %s está en AttributeDefinitions pero en ningún KeySchema (DynamoDB lo rechaza)",
  },
  attributeTwice: { en: "attribute %s is declared twice", es: "el atributo %s está declarado dos veces" },
  hashCount: {
    en: "KeySchema has %s HASH key(s); it needs exactly one (the primary key)",
    es: "KeySchema tiene %s clave(s) HASH; necesita exactamente una (la primaria)",
  },
  rangeCount: {
    en: "KeySchema has %s RANGE keys; at most one (the sort key)",
    es: "KeySchema tiene %s claves RANGE; como mucho una (la de ordenamiento)",
  },
  keyType: {
    en: "key %s has KeyType %s; it must be HASH or RANGE",
    es: "la clave %s tiene KeyType %s; debe ser HASH o RANGE",
  },
  hashFirst: { en: "the HASH key must come first in KeySchema", es: "la clave HASH debe ir primero en KeySchema" },
  noKeySchema: {
    en: "no KeySchema or AttributeDefinitions list",
    es: "no tiene lista KeySchema ni AttributeDefinitions",
  },
  tmpLogs: { en: "TMP_FILES/logs/test.txt", es: "TMP_FILES/logs/test.txt" },
  notInList: { en: " (the tables are: %s)", es: " (las tablas son: %s)" },
  caseDiffers: { en: " (it differs from table %s in case only)", es: " (difiere de la tabla %s solo en mayúsculas)" },
  tableValue: { en: "the table (%s)", es: "la tabla (%s)" },
  zoneValue: { en: "the zone (%s)", es: "la zona (%s)" },
  qualifiedName: { en: "the qualified name at %s", es: "el nombre calificado en %s" },
} as const;

export type Phrase = keyof typeof PHRASES;

export function phrase(lang: Lang, key: Phrase, ...args: Array<string | number>): string {
  const text = PHRASES[key][lang];
  return args.length ? format(text, ...args) : text;
}
