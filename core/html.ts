/** HTML for the comments the tasks post on work items (the HU): text from outside never becomes markup. */

/** Text as HTML: `&`, `<`, `>` and `"` escaped (safe in element content and in quoted attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
