/**
 * The tables of an API's coordinators, from its cfg folder (`<ApiName>/API/cfg/<table>.json`): what
 * ReserveInventory numbers for the coordinator kind. Apart from the coordinator checks so that the
 * inventory task does not carry them.
 */
import * as fs from "fs";
import { type Problem, problem } from "../problem";

/**
 * ReserveInventory's coordinator tables from the API's cfg folder (one number per `<table>.json`); with
 * a listed table as well, every listed one must have its file. Problems use ReserveInventory's keys.
 */
export function inventoryTables(cfgFolder: string, listed: string[]): { tables: string[]; problems: Problem[] } {
  let files: string[];
  try {
    files = fs
      .readdirSync(cfgFolder, { withFileTypes: true })
      .filter((e) => e.isFile() && /\.json$/i.test(e.name))
      .map((e) => e.name.replace(/\.json$/i, ""))
      .sort();
  } catch {
    files = [];
  }
  if (!files.length)
    return { tables: listed, problems: [problem("CfgFolderUnreadable", "error", "cfgFolder", "cfgFolder", cfgFolder)] };
  if (!listed.length) return { tables: files, problems: [] };
  const missing = listed.filter((t) => !files.includes(t));
  return missing.length
    ? {
        tables: listed,
        problems: [problem("CfgTablesMissing", "error", "tables", "tables", missing.join(", "), cfgFolder)],
      }
    : { tables: listed, problems: [] };
}
