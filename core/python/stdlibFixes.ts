/**
 * Keyword arguments newer than Python 3.5 that have an exact 3.5 spelling, beside the generated data
 * (stdlibData.json says when each keyword appeared; this table says what replaces it). core/fix reads
 * it; a keyword missing here gets no fix. `text` is documented as an alias of `universal_newlines`;
 * `capture_output=True` is documented as `stdout=PIPE, stderr=PIPE` (both refused beside it).
 */
export type KeywordFix =
  | { rename: string }
  /** A literal True becomes these keyword arguments (values are `subprocess` names); False is dropped. */
  | { whenTrue: ReadonlyArray<[keyword: string, module: string, name: string]>; conflicts: readonly string[] };

const POPEN_FAMILY = [
  "subprocess.Popen",
  "subprocess.call",
  "subprocess.check_call",
  "subprocess.check_output",
  "subprocess.run",
];

export const KEYWORD_FIXES: Readonly<Record<string, Readonly<Record<string, KeywordFix>>>> = {
  ...Object.fromEntries(POPEN_FAMILY.map((c) => [c, { text: { rename: "universal_newlines" } }])),
  "subprocess.run": {
    text: { rename: "universal_newlines" },
    capture_output: {
      whenTrue: [
        ["stdout", "subprocess", "PIPE"],
        ["stderr", "subprocess", "PIPE"],
      ],
      conflicts: ["stdout", "stderr"],
    },
  },
};
