/**
 * The release as it crosses into the tab: from the Release REST client (dates as `Date` objects,
 * enums as numbers) or from the host page's `onReleaseChanged` (the same, through the SDK's XDM
 * channel). Everything else in core sees one shape: every date an ISO 8601 string, `modifiedOn`
 * canonical, so that a JSON copy of the release is the release and a PUT sends back what came.
 */
import { isoInstant } from "./instant";
import type { ReleaseLike } from "./releaseForm";

/** Deeper than any release resource; a cycle (a host object graph) is cut here rather than looping. */
const MAX_DEPTH = 40;
const MS_JSON_DATE = /^\\?\/Date\(-?\d{1,15}(?:[+-]\d{4})?\)\\?\/$/;

/**
 * A release resource in core's shape. Throws when `raw` is not a release (no numeric id): a
 * gateway answer that is not what it claims must not reach the form.
 */
export function releaseFromWire(raw: unknown): ReleaseLike {
  if (!raw || typeof raw !== "object" || typeof (raw as { id?: unknown }).id !== "number")
    throw new Error(`Not a release: expected an object with a numeric id, got ${describe(raw)}`);
  const release = plain(raw, 0, false, new Set()) as ReleaseLike;
  const modified = (raw as { modifiedOn?: unknown }).modifiedOn;
  if (modified !== undefined && modified !== null) release.modifiedOn = isoInstant(modified) ?? String(modified);
  return release;
}

/**
 * A JSON-safe copy: `Date` → ISO string anywhere; a `\/Date(n)\/` string → ISO string except inside
 * a `variables` map, whose values are the user's text and are never reinterpreted.
 */
function plain(value: unknown, depth: number, userText: boolean, seen: Set<object>): unknown {
  if (value instanceof Date) return isoInstant(value) ?? null;
  if (typeof value === "string") return !userText && MS_JSON_DATE.test(value) ? (isoInstant(value) ?? value) : value;
  if (typeof value === "function" || typeof value === "symbol" || typeof value === "bigint") return undefined;
  if (!value || typeof value !== "object") return value;
  if (depth > MAX_DEPTH || seen.has(value)) return undefined;
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1, userText, seen) ?? null);
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const copy = plain(v, depth + 1, userText || key === "variables", seen);
      if (copy !== undefined) out[key] = copy;
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value !== "object") return typeof value;
  return `an object with keys ${Object.keys(value).slice(0, 5).join(", ") || "(none)"}`;
}
