/**
 * Drafting the form from the HU and its pull request (DOMAIN.md step 1, process note 000 §2):
 * every value says where it came from, and a value that cannot be found is left empty with the
 * reason. Inputs are what the gateway read; this module only decides. A value the gateway could not
 * read (a refused or failed call) is not "absent": it carries the failure, said as what it is.
 */
import { formatDescription } from "../oc/description";
import { type Message, msg } from "../i18n/catalogue";
import { decodeEntities, toSingleLine } from "../text";
import { DEFAULT_ZONE_KEYS, findDsn, findZone, parseStrictJson } from "../config/json";

export interface HuFacts {
  id: number;
  title: string;
  /** HTML, as work items store it: read as text, never rendered. */
  descriptionHtml?: string;
  areaPath?: string;
  parentTitle?: string;
  /** The HU has a parent, but reading it failed: why (describeFailure). */
  parentFailure?: Message;
}

export interface PrFacts {
  repository: string;
  /** Folders directly under src/ at the PR's last merge source commit. */
  srcFolders: string[];
  /** static/config/config.json of the package, when found. */
  configJson?: string;
  /** Listing src/ failed (not: src/ is empty): why. */
  foldersFailure?: Message;
  /** Reading config.json failed (not: it does not exist): why. */
  configFailure?: Message;
}

/** The HU links a pull request, but reading it failed. */
export interface PrFailure {
  failure: Message;
}

/** Where a routine's repository keeps its package: one folder under this one. */
export const PACKAGE_PARENT = "/src";

/**
 * The package's config.json to read from the pull request: only when exactly one folder stands
 * under src/ (otherwise the package is not known, see packageName).
 */
export function packageConfigPath(srcFolders: string[]): string | undefined {
  return srcFolders.length === 1 ? `${PACKAGE_PARENT}/${srcFolders[0]}/static/config/config.json` : undefined;
}

/** A drafted value and what the page says about it, as catalogue messages (rendered in the page's language). */
export interface Drafted {
  value: string;
  /** Where the value came from (when it was found). */
  source?: Message;
  /** Set when the value could not be found: why. */
  missing?: Message;
  /** Set when the value could not be read (a call failed): what happened. */
  failure?: Message;
  warning?: Message;
}

const PMO = /\b([A-Z]{3}[0-9]{5})\b/;

/** The HU description's labelled parts (Necesidad:, Solución:, Beneficio:, Impacto:), as text. */
export function huParts(html: string | undefined): Record<"necesidad" | "solucion" | "beneficio" | "impacto", string> {
  const lines = decodeEntities(
    (html ?? "").replace(/<\s*(br|\/p|\/div|\/li|\/h\d)[^>]*>/gi, "\n").replace(/<[^>]*>/g, " "),
  )
    .split("\n")
    .map((l) => l.replace(/\s+/g, " ").trim());
  const out = { necesidad: "", solucion: "", beneficio: "", impacto: "" };
  let current: keyof typeof out | undefined;
  for (const line of lines) {
    const m = /^(necesidad|soluci[oó]n|beneficio|impacto)\s*:\s*(.*)$/i.exec(line);
    if (m) {
      current = m[1]
        .toLowerCase()
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "") as keyof typeof out;
      out[current] = m[2];
    } else if (current && line) out[current] += (out[current] ? " " : "") + line;
  }
  // No labels: the whole text is the need; the user writes the rest.
  if (!out.necesidad && !out.solucion && !out.beneficio && !out.impacto) out.necesidad = toSingleLine(html ?? "");
  return out;
}

const failed = (failure: Message): Drafted => ({ value: "", failure });

export function draftFromHu(
  hu: HuFacts,
  pr: PrFacts | PrFailure | undefined,
): { fields: Record<string, Drafted>; description: string } {
  const fields: Record<string, Drafted> = {};
  const pmo = hu.parentTitle ? PMO.exec(hu.parentTitle) : null;
  fields.codigoPMO = pmo
    ? { value: pmo[1], source: msg("TabFromParentTitle", hu.id) }
    : hu.parentFailure
      ? failed(hu.parentFailure)
      : {
          value: "",
          missing: hu.parentTitle ? msg("TabNoPmoInParent", hu.parentTitle) : msg("TabNoParent", hu.id),
        };
  const area = hu.areaPath?.split("\\").pop()?.trim();
  fields["Nombre Celula"] = area
    ? { value: area, source: msg("TabFromArea", hu.id) }
    : { value: "", missing: msg("TabNoArea") };
  if (!pr) {
    const reason = msg("TabNoPullRequest", hu.id);
    for (const v of ["repositoryName", "packageName", "zona"]) fields[v] = { value: "", missing: reason };
  } else if ("failure" in pr) {
    for (const v of ["repositoryName", "packageName", "zona"]) fields[v] = failed(pr.failure);
  } else {
    fields.repositoryName = { value: pr.repository, source: msg("TabFromPullRequest") };
    fields.packageName = pr.foldersFailure
      ? failed(pr.foldersFailure)
      : pr.srcFolders.length === 1
        ? { value: pr.srcFolders[0], source: msg("TabFromSrcFolder") }
        : {
            value: "",
            missing: pr.srcFolders.length
              ? msg("TabSeveralSrcFolders", pr.srcFolders.join(", "))
              : msg("TabNoSrcFolder"),
          };
    fields.zona = pr.foldersFailure
      ? failed(pr.foldersFailure)
      : pr.configFailure
        ? failed(pr.configFailure)
        : zonaFromConfig(pr.configJson);
  }
  const parts = huParts(hu.descriptionHtml);
  return {
    fields,
    description: formatDescription({
      titulo: hu.title,
      huId: String(hu.id),
      necesidad: parts.necesidad,
      solucion: parts.solucion,
      beneficio: parts.beneficio,
      impacto: parts.impacto,
    }),
  };
}

export function zonaFromConfig(configJson: string | undefined): Drafted {
  if (configJson === undefined) return { value: "", missing: msg("TabNoConfig") };
  const { tree, errors } = parseStrictJson(configJson.replace(/^\uFEFF/, ""));
  if (errors.length || !tree || tree.type !== "object") return { value: "", missing: msg("TabConfigNotJson") };
  // The same lookups as ValidateRoutine (CFG002/CFG003): one idea of "the dsn" and "the zone".
  const zone = findZone(tree, DEFAULT_ZONE_KEYS);
  const dsnNode = findDsn(tree);
  const dsn = typeof dsnNode?.value === "string" ? dsnNode.value : undefined;
  const warning = dsn !== "impala-virtual-prd" ? msg("TabDsnWarning", dsn ?? msg("TabNone")) : undefined;
  return zone?.value
    ? { value: zone.value, source: msg("TabFromConfigKey", zone.key), warning }
    : { value: "", missing: msg("TabConfigNoZone", DEFAULT_ZONE_KEYS.join(", ")), warning };
}
