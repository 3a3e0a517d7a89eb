/**
 * When a release was modified is an instant, whatever form it arrives in (issue #13): the REST
 * clients ask for `msDateFormat=true` and hand back `Date` objects; the release tab's host hands
 * `Date`s too; a JSON body or a test fixture carries an ISO 8601 string; the raw wire text carries
 * `"\/Date(1795428000000)\/"`. Two of those are "the same revision" when they name the same
 * millisecond — never when they are the same object or the same characters.
 */

/** `/Date(1795428000000)/` (what JSON.parse leaves of `"\/Date(…)\/"`), with an optional `+0500` offset. */
const MS_JSON_DATE = /^\\?\/Date\((-?\d{1,15})(?:[+-]\d{4})?\)\\?\/$/;
/** ISO 8601 date-time as Azure DevOps writes it: up to 7 fraction digits, `Z` or an offset (none: UTC). */
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Milliseconds since the epoch, or undefined when the value names no instant. */
export function toInstant(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  const ms = MS_JSON_DATE.exec(text);
  if (ms) return Number(ms[1]);
  const iso = ISO_DATE_TIME.exec(text);
  if (!iso) return undefined;
  // JavaScript reads a zone-less date-time as local time; Azure DevOps means UTC. Extra fraction
  // digits (.NET writes 7) are cut to milliseconds so every engine parses the same text.
  const fraction = (iso[3] ?? "").slice(0, 3).padEnd(3, "0");
  const zone = !iso[4] || iso[4].toUpperCase() === "Z" ? "Z" : iso[4].replace(/^([+-]\d{2}):?(\d{2})$/, "$1:$2");
  const parsed = Date.parse(`${iso[1]}T${iso[2].length === 5 ? `${iso[2]}:00` : iso[2]}.${fraction}${zone}`);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/**
 * Whether two modification stamps name the same revision: the same instant, or both absent.
 * A stamp that is present but names no instant only matches the very same text.
 */
export function sameInstant(a: unknown, b: unknown): boolean {
  const ta = toInstant(a);
  const tb = toInstant(b);
  if (ta !== undefined || tb !== undefined) return ta === tb;
  if (a == null || b == null) return a == null && b == null;
  return typeof a === "string" && a === b;
}

/** -1, 0 or 1 as `a` is before, the same as or after `b`; undefined when either names no instant. */
export function compareInstants(a: unknown, b: unknown): -1 | 0 | 1 | undefined {
  const ta = toInstant(a);
  const tb = toInstant(b);
  if (ta === undefined || tb === undefined) return undefined;
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

/** The instant as ISO 8601 UTC (`2026-11-23T10:00:00.000Z`), the form a JSON body carries. */
export function isoInstant(value: unknown): string | undefined {
  const t = toInstant(value);
  return t === undefined ? undefined : new Date(t).toISOString();
}

/** For messages: `2026-11-23 10:00:00 UTC`, with milliseconds only when they tell two stamps apart. */
export function formatInstant(value: unknown): string {
  const iso = isoInstant(value);
  if (!iso) return value == null ? "-" : String(value).slice(0, 40);
  return `${iso.slice(0, 10)} ${iso.endsWith(".000Z") ? iso.slice(11, 19) : iso.slice(11, 23)} UTC`;
}
