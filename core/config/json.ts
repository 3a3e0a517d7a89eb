/**
 * Strict JSON with positions (jsonc-parser): the routine's config.json and the validator's
 * .lzvalidator.json are read through here, so every finding can point at the key in the file.
 */
import { Node as JsonNode, parseTree, ParseError } from "jsonc-parser";

export type { JsonNode };

/** Where a routine keeps its configuration, relative to the package. */
export const CONFIG_PATH = /(^|\/)static\/config\/config\.json$/;

/** Parses JSON strictly (no comments, no trailing commas); errors carry offsets. */
export function parseStrictJson(text: string): { tree?: JsonNode; errors: ParseError[] } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return { tree, errors };
}

/** The keys that may hold the results zone, tried in order (teams differ). */
export const DEFAULT_ZONE_KEYS = ["zona", "zona_resultados", "results_zone", "resultDir"];

/** A top-level key, or the first one found at any depth, compared without case. */
export function findJsonProperty(tree: JsonNode, key: string): JsonNode | undefined {
  const wanted = key.toLowerCase();
  const direct = tree.children?.find(
    (p) => p.type === "property" && String(p.children?.[0]?.value).toLowerCase() === wanted,
  );
  if (direct) return direct;
  for (const prop of tree.children ?? []) {
    const value = prop.children?.[1];
    if (value?.type === "object") {
      const nested = findJsonProperty(value, key);
      if (nested) return nested;
    }
  }
  return undefined;
}

/**
 * The dsn's value node: the one place that decides which "dsn" a config.json has, so the validator
 * (CFG002), the dsn switch and the release tab all see the same one.
 */
export function findDsn(tree: JsonNode): JsonNode | undefined {
  return findJsonProperty(tree, "dsn")?.children?.[1];
}

/** The results zone: the first of `keys` that holds a string, with the key as written in the file. */
export function findZone(
  tree: JsonNode,
  keys: readonly string[],
): { key: string; value: string; offset: number } | undefined {
  for (const key of keys) {
    const prop = findJsonProperty(tree, key);
    const value = prop?.children?.[1];
    if (prop && value && typeof value.value === "string")
      return { key: String(prop.children?.[0]?.value), value: value.value, offset: value.offset };
  }
  return undefined;
}
