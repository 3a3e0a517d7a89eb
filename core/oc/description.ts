/**
 * The five-part release description the change order is built from (DOMAIN.md step 1):
 *
 *   TITULO: <HU full name>
 *   NECESIDAD: HU<id>: <need>.
 *   SOLUCION: <solution>.
 *   BENEFICIO: <benefit>.
 *   IMPACTO: <impact>.
 *
 * A part may continue over several lines until the next label. Labels are matched without
 * regard to case or accents (SOLUCIÓN = SOLUCION) and may carry Markdown bullets or bold.
 */
import { Problem, problem } from "../problem";
import { foldAccents, toSingleLine } from "../text";

export const DESCRIPTION_PARTS = ["TITULO", "NECESIDAD", "SOLUCION", "BENEFICIO", "IMPACTO"] as const;
export type DescriptionPart = (typeof DESCRIPTION_PARTS)[number];

export interface PartText {
  /** Plain text on one line: markup removed, white space folded. */
  text: string;
  /** 1-based line of the label in the description. */
  line: number;
}

export interface ParsedDescription {
  parts: Partial<Record<DescriptionPart, PartText>>;
  /** Digits of `HU<id>` named in NECESIDAD. */
  hu?: string;
  problems: Problem[];
}

const LABEL = /^[\s*#>\-_]*(T[IÍ]TULO|NECESIDAD|SOLUCI[OÓ]N|BENEFICIO|IMPACTO)[\s*_]*:[\s*_]*(.*)$/i;
export const HU_REFERENCE = /\bHU\s?-?\s?([0-9]+)\b/i;

/** Parses a release description; `field` names where it came from, for the messages. */
export function parseDescription(raw: string | undefined, field: string): ParsedDescription {
  const problems: Problem[] = [];
  const parts: Partial<Record<DescriptionPart, PartText>> = {};
  const text = (raw ?? "").replace(/\r\n?/g, "\n");
  if (!text.trim()) {
    return { parts, problems: [problem("DescriptionMissing", "error", field, field)] };
  }

  const collected = new Map<DescriptionPart, { line: number; lines: string[] }>();
  let current: DescriptionPart | undefined;
  const preamble: number[] = [];
  text.split("\n").forEach((lineText, index) => {
    const lineNo = index + 1;
    const match = LABEL.exec(lineText);
    if (match) {
      const part = foldAccents(match[1]) as DescriptionPart;
      const earlier = collected.get(part);
      if (earlier) {
        problems.push(problem("DescriptionPartDuplicated", "error", field, part, earlier.line, lineNo));
        current = undefined; // keep the first; ignore the duplicate's text
        return;
      }
      collected.set(part, { line: lineNo, lines: [match[2]] });
      current = part;
    } else if (current) {
      collected.get(current)!.lines.push(lineText);
    } else if (lineText.trim()) {
      preamble.push(lineNo);
    }
  });

  if (preamble.length) {
    problems.push(problem("DescriptionTextOutsideParts", "warning", field, preamble[0]));
  }
  for (const part of DESCRIPTION_PARTS) {
    const found = collected.get(part);
    if (!found) {
      problems.push(problem("DescriptionPartMissing", "error", field, part, part));
      continue;
    }
    const partText = toSingleLine(found.lines.join("\n"));
    if (!partText) {
      problems.push(problem("DescriptionPartEmpty", "error", field, part, found.line));
      continue;
    }
    parts[part] = { text: partText, line: found.line };
  }

  let hu: string | undefined;
  const need = parts.NECESIDAD;
  if (need) {
    const ref = HU_REFERENCE.exec(need.text);
    if (ref) hu = ref[1];
    else problems.push(problem("DescriptionNoHu", "error", field, need.line, need.text.slice(0, 60)));
  }
  return { parts, hu, problems };
}

export interface DescriptionDraft {
  titulo: string;
  huId: string;
  necesidad: string;
  solucion: string;
  beneficio: string;
  impacto: string;
}

/** Writes the description in the team's template (the release tab's draft). */
export function formatDescription(draft: DescriptionDraft): string {
  const one = (s: string) => toSingleLine(s);
  const need = one(draft.necesidad)
    .replace(HU_REFERENCE, "")
    .replace(/^[\s:.-]+/, "");
  return [
    `TITULO: ${one(draft.titulo)}`,
    `NECESIDAD: HU${draft.huId.trim()}: ${need}`,
    `SOLUCION: ${one(draft.solucion)}`,
    `BENEFICIO: ${one(draft.beneficio)}`,
    `IMPACTO: ${one(draft.impacto)}`,
  ].join("\n");
}

/** The five parts, one per line, as the change order receives them. */
export function descriptionAsPlainText(parts: Partial<Record<DescriptionPart, PartText>>): string {
  return DESCRIPTION_PARTS.filter((p) => parts[p])
    .map((p) => `${p}: ${parts[p]!.text}`)
    .join("\n");
}
