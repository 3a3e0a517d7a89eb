/**
 * Character tests on UTF-16 codes, for the scans that read Python source as text (layout.ts, file.ts,
 * bindings.ts, names.ts). Both are false for NaN, what charCodeAt gives before the start or past the end.
 */

/** A character of a Python identifier: [A-Za-z0-9_] or any non-ASCII one (Python 3 names may use them). */
export const isNameCode = (c: number) => isAsciiWordCode(c) || c > 127;

/** [A-Za-z0-9_]: the word characters of `\w` in a RegExp without the u flag. */
export const isAsciiWordCode = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
