/**
 * A document title over several lines, as GB/T 9704 lays it out: lines of about equal length, never one
 * character (such as “报”) alone on the last line. The .docx writer gets this by narrowing the title
 * paragraph to the longest balanced line, so that Word and WPS wrap it there; the text stays one paragraph.
 */

/** Width in characters: CJK one, ASCII half. */
export function titleWidth(text: string): number {
  return [...text].reduce((w, ch) => w + (ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1), 0);
}

/** The balanced line width (in characters) for a title on lines of at most `perLine`. */
export function balancedWidth(title: string, perLine = 20): number {
  const total = titleWidth(title);
  if (total <= perLine) return Math.ceil(total);
  return Math.ceil(total / Math.ceil(total / perLine));
}

/** The lines a word processor makes of the title at the balanced width (greedy, as it wraps CJK text). */
export function titleLines(title: string, perLine = 20): string[] {
  const limit = balancedWidth(title, perLine);
  const lines: string[] = [];
  let line = '';
  for (const ch of title) {
    if (titleWidth(line + ch) > limit) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines;
}
