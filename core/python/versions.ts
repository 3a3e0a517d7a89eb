/** Python versions as "3.5", compared numerically ("3.10" > "3.9"). */
export function parseVersion(v: string): [number, number] | undefined {
  const m = /^\s*3\.(\d{1,2})\s*$/.exec(v);
  return m ? [3, Number(m[1])] : undefined;
}

/** True when `feature` (e.g. "3.6") is newer than `target` (e.g. "3.5"). */
export function isNewer(feature: string, target: string): boolean {
  const f = parseVersion(feature);
  const t = parseVersion(target);
  if (!f || !t) return false;
  return f[1] > t[1];
}
