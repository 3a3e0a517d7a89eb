/** A fix located as SARIF locates replacements: lines, columns and offsets in code points, as findings are. */
import type { FindingFix, RawFix } from "../findings/types";
import { LineIndex } from "../findings/positions";
import { renderArg, type Lang } from "../i18n/catalogue";

/** Code points before each UTF-16 offset, counted once per text (most files are ASCII: then they are equal). */
export class CodePoints {
  readonly lines: LineIndex;
  /** Offsets of the surrogate pairs' first halves, in order: each makes two code units one code point. */
  private readonly pairs: number[] = [];

  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
    const pair = /[\ud800-\udbff][\udc00-\udfff]/g;
    for (let m = pair.exec(text); m; m = pair.exec(text)) this.pairs.push(m.index);
  }

  offset(utf16: number): number {
    // The pairs that start before the offset: each one is counted once (a search, not a count from the
    // start of the text at every fix: test_traceback.py's hundreds of fixes took 90 ms that way).
    let lo = 0;
    let hi = this.pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pairs[mid] < utf16 - 1) lo = mid + 1;
      else hi = mid;
    }
    return utf16 - lo;
  }

  /** The UTF-16 offset of a code-point offset (what offset() gives back): a pair is two code units. */
  utf16(codePoint: number): number {
    // The pair at pairs[k] starts at code point pairs[k] - k: count those before the offset.
    let lo = 0;
    let hi = this.pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pairs[mid] - mid < codePoint) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(codePoint + lo, this.text.length);
  }
}

export function locateFix(points: CodePoints, fix: RawFix, lang: Lang): FindingFix {
  return {
    description: String(renderArg(lang, fix.description)),
    replacements: fix.edits.map((e) => {
      const start = points.lines.position(e.start);
      const end = points.lines.position(e.end);
      const charOffset = points.offset(e.start);
      return {
        deletedRegion: {
          startLine: start.line,
          startColumn: start.column,
          endLine: end.line,
          endColumn: end.column,
          charOffset,
          charLength: points.offset(e.end) - charOffset,
        },
        insertedContent: { text: e.text },
      };
    }),
  };
}
