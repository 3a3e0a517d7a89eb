/**
 * A fixed file as a unified diff with the repository's path (`git apply -p1` takes it). Hunks whose
 * lines (context included) touch one of `hidden` (the lines of SEC001 findings) are left out, so a
 * report never shows a credential's line: the caller says how many were.
 */
import { structuredPatch } from "diff";

export interface FileDiff {
  text: string;
  withheld: number;
}

export function fileDiff(repoPath: string, before: string, after: string, hidden?: ReadonlySet<number>): FileDiff {
  const patch = structuredPatch(`a/${repoPath}`, `b/${repoPath}`, before, after, "", "", { context: 3 });
  const lines = [`--- a/${repoPath}`, `+++ b/${repoPath}`];
  let hunks = 0;
  let withheld = 0;
  for (const h of patch.hunks) {
    let touches = false;
    for (let l = h.oldStart; l < h.oldStart + Math.max(h.oldLines, 1); l++) if (hidden?.has(l)) touches = true;
    if (touches) {
      withheld++;
      continue;
    }
    hunks++;
    lines.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines);
  }
  return { text: hunks ? lines.join("\n") + "\n" : "", withheld };
}
