/**
 * Plain-text helpers shared by the tasks and the release tab. Work item descriptions are HTML
 * and people paste them into release descriptions; the change-order tool wants plain text.
 */

const ENTITIES: Record<string, string> = {
  nbsp: " ",
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

/** Decodes the HTML entities that appear in work item text (named basics and numeric). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Removes markup, decodes entities and folds every run of white space into one space. */
export function toSingleLine(text: string): string {
  const withoutTags = text.replace(/<[^>]*>/g, " ");
  return decodeEntities(withoutTags).replace(/\s+/g, " ").trim();
}

/** Upper case without accents: "Solución" → "SOLUCION". */
export function foldAccents(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase();
}

/** An unexpanded pipeline macro such as `$(Build.BuildNumber)`: the variable was not defined. */
export function isUnresolvedMacro(value: string): boolean {
  return /^\$\([^)]+\)$/.test(value.trim());
}

/** The `$(name)` macros the agent left unexpanded in a value: variables the release does not define. */
export function unresolvedVariables(value: string): string[] {
  return [...new Set([...value.matchAll(/\$\(([^)]+)\)/g)].map((m) => m[1]))];
}
