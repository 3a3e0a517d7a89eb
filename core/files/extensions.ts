/** Which files of a routine the validator reads, and which of them are scanned line by line. */

/** Files the validator reads: code and configuration. */
export const TEXT_EXTENSIONS: ReadonlySet<string> = new Set([
  ".py",
  ".sql",
  ".hql",
  ".json",
  ".sh",
  ".cfg",
  ".ini",
  ".properties",
  ".yaml",
  ".yml",
  ".toml",
  ".txt",
  ".in",
  ".conf",
]);

/**
 * The files read that are scanned line by line for paths and secrets: configuration, SQL and shell.
 * Python has its own scan on the parse tree; free text (`.txt`, `MANIFEST.in`) is not code.
 */
export const PATH_AND_SECRET_EXTENSIONS: ReadonlySet<string> = new Set(
  [...TEXT_EXTENSIONS].filter((ext) => ![".py", ".txt", ".in"].includes(ext)),
);
