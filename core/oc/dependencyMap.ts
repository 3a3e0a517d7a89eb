/**
 * The EVC "dependencia" the change order needs is not in the release: the team knows it per
 * project (PMO code) or per célula. It comes from a mapping the release owner maintains, as
 * `key = dependencia` lines or a JSON object. A PMO-code key wins over a célula key.
 */
import * as fs from "fs";
import { Problem, problem } from "../problem";
import { foldAccents } from "../text";

export interface DependencyEntry {
  key: string;
  dependencia: string;
  /** Where the entry was written, for messages: "dependencyMapping:3" or "deps.json". */
  source: string;
}

export interface DependencyMap {
  entries: Map<string, DependencyEntry>;
  problems: Problem[];
}

/** Keys compare without case, accents or repeated spaces: "daia15 -  Dracarys" = "DAIA15 - DRACARYS". */
export function dependencyKey(key: string): string {
  return foldAccents(key).replace(/\s+/g, " ").trim();
}

export function emptyDependencyMap(): DependencyMap {
  return { entries: new Map(), problems: [] };
}

function add(map: DependencyMap, key: string, dependencia: string, source: string, field: string): void {
  const norm = dependencyKey(key);
  const value = dependencia.trim();
  const earlier = map.entries.get(norm);
  if (earlier && earlier.dependencia !== value) {
    map.problems.push(problem("DependencyDuplicated", "error", field, key, earlier.source, source));
    return;
  }
  map.entries.set(norm, { key: key.trim(), dependencia: value, source });
}

/** Parses `key = dependencia` lines; blank lines and `#` comments are ignored. */
export function parseDependencyLines(
  text: string,
  field: string,
  into: DependencyMap = emptyDependencyMap(),
): DependencyMap {
  text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .forEach((raw, index) => {
      const line = raw.trim();
      if (!line || line.startsWith("#")) return;
      const eq = line.indexOf("=");
      const key = eq > 0 ? line.slice(0, eq).trim() : "";
      const value = eq > 0 ? line.slice(eq + 1).trim() : "";
      if (!key || !value) {
        into.problems.push(problem("DependencyLineInvalid", "error", field, field, index + 1, line));
        return;
      }
      add(into, key, value, `${field}:${index + 1}`, field);
    });
  return into;
}

/** Parses a JSON object `{ "EVC00037": "Entorno Otros EVC - …", "DAIA15 - DRACARYS": "…" }`. */
export function parseDependencyJson(
  text: string,
  fileName: string,
  into: DependencyMap = emptyDependencyMap(),
): DependencyMap {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    into.problems.push(problem("DependencyFileInvalid", "error", fileName, fileName, (err as Error).message));
    return into;
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    into.problems.push(problem("DependencyFileInvalid", "error", fileName, fileName, "expected a JSON object"));
    return into;
  }
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (typeof value !== "string" || !value.trim() || !key.trim()) {
      into.problems.push(
        problem("DependencyFileInvalid", "error", fileName, fileName, `"${key}" must map to a non-empty string`),
      );
      continue;
    }
    add(into, key, value, fileName, fileName);
  }
  return into;
}

export interface DependencyMatch {
  dependencia: string;
  /** Which key matched: the PMO code or the célula. */
  matchedBy: "pmo" | "celula";
  entry: DependencyEntry;
}

export function lookupDependency(map: DependencyMap, pmo: string, celula: string): DependencyMatch | undefined {
  const byPmo = pmo ? map.entries.get(dependencyKey(pmo)) : undefined;
  if (byPmo) return { dependencia: byPmo.dependencia, matchedBy: "pmo", entry: byPmo };
  const byCelula = celula ? map.entries.get(dependencyKey(celula)) : undefined;
  if (byCelula) return { dependencia: byCelula.dependencia, matchedBy: "celula", entry: byCelula };
  return undefined;
}

/** The mapping from the task's inputs: the JSON file first (when given), then the lines. */
export function loadDependencyMapping(lines: string, file: string | undefined): DependencyMap {
  const map = emptyDependencyMap();
  if (file) {
    if (fs.existsSync(file) && fs.statSync(file).isFile())
      parseDependencyJson(fs.readFileSync(file, "utf8"), file, map);
    else map.problems.push(problem("DependencyFileMissing", "error", "dependencyMappingFile", file));
  }
  return parseDependencyLines(lines, "dependencyMapping", map);
}
