/** A fix located as SARIF locates replacements: lines, columns and offsets in code points, as findings are. */
import type { FindingFix, RawFix } from "../findings/types";
import { LineIndex } from "../findings/positions";
import { renderArg, type Lang } from "../i18n/catalogue";

/** Code points before each UTF-16 offset, counted once per text (most files are ASCII: then they are equal). */
export class CodePoints {
  readonly lines: LineIndex;
  private readonly ascii: boolean;

  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
    this.ascii = !/[\ud800-\udfff]/.test(text);
  }

  offset(utf16: number): number {
    if (this.ascii) return utf16;
    let n = 0;
    for (let i = 0; i < utf16; i++, n++) {
      const c = this.text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) i++;
    }
    return n;
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
