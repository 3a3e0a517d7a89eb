/**
 * Inventory names (DOMAIN.md step 3, process note 000 §5):
 *   package = <packagePrefix> + <periodicity code> + <consecutive>                  SQOOPDI1937
 *   process = <processPrefix> + <periodicity code> + <consecutive> + <kind> + <app>  SQPDI1937RTNCSD
 * kind is RTN for a routine, CRD for a coordinator (both configurable: notes also show RUT).
 */
import { foldAccents } from "../text";

export const DEFAULT_PERIODICITY_CODES: Readonly<Record<string, string>> = {
  Diaria: "DI",
  Semanal: "SE",
  Quincenal: "QU",
  Mensual: "ME",
  Bimestral: "BI",
  Trimestral: "TR",
  Semestral: "SM",
  Anual: "AN",
  Intradiaria: "IN",
};

export type InventoryKind = "routine" | "coordinator";

export interface NamingOptions {
  packagePrefix: string;
  processPrefix: string;
  kindCodes: Record<InventoryKind, string>;
  periodicityCodes: Record<string, string>;
}

export const DEFAULT_NAMING: NamingOptions = {
  packagePrefix: "SQOOP",
  processPrefix: "SQP",
  kindCodes: { routine: "RTN", coordinator: "CRD" },
  periodicityCodes: { ...DEFAULT_PERIODICITY_CODES },
};

/** The code of a periodicity as the team writes it ("Diaria", "diaria", "DIARIA" → DI); undefined if unknown. */
export function periodicityCode(
  periodicity: string,
  codes: Record<string, string>,
): { name: string; code: string } | undefined {
  const wanted = foldAccents(periodicity.trim());
  for (const [name, code] of Object.entries(codes)) if (foldAccents(name) === wanted) return { name, code };
  return undefined;
}

/** `regexp_replace(package, '[^0-9]+', '')` of the team's query, as a number. */
export function consecutiveOf(pkg: string): number | undefined {
  const digits = pkg.replace(/[^0-9]+/g, "");
  return digits ? Number(digits) : undefined;
}

export function nextConsecutive(packages: Iterable<string>): number {
  let max = 0;
  for (const p of packages) {
    const n = consecutiveOf(p);
    if (n !== undefined && n > max) max = n;
  }
  return max + 1;
}

export function packageName(naming: NamingOptions, code: string, consecutive: number): string {
  return `${naming.packagePrefix}${code}${consecutive}`;
}

export function processName(
  naming: NamingOptions,
  code: string,
  consecutive: number,
  kind: InventoryKind,
  app: string,
): string {
  return `${naming.processPrefix}${code}${consecutive}${naming.kindCodes[kind]}${app.trim().toUpperCase()}`;
}
