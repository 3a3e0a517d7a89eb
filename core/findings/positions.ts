/** Offsets (UTF-16 code units, as JavaScript strings and web-tree-sitter count) to 1-based line and character column. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  /** Line and column of an offset; the column counts characters (code points), not bytes or code units. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const start = this.starts[lo];
    let column = 1;
    for (let i = start; i < offset && i < this.text.length; i++) {
      const code = this.text.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff) i++; // a surrogate pair is one character
      column++;
    }
    return { line: lo + 1, column };
  }

  lineText(line: number): string {
    const start = this.starts[line - 1] ?? this.text.length;
    const end = line < this.starts.length ? this.starts[line] - 1 : this.text.length;
    return this.text.slice(start, end).replace(/\r$/, "");
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
