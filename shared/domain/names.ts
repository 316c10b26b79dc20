/**
 * Cells often hold several names (DOMAIN §2). Units are split at 、，,；; and line breaks. Leaders are
 * split at line breaks and ；; only: "局党组成员、副局长（分管立法）" is one person described by two titles,
 * so 、 splits leaders only when every part is a short personal name ("张三、李四").
 */
const TITLE_WORD = /局|长|主任|书记|成员|委员|部|科|处|组|办|室|队|党|分管|副|正/;

export function splitUnits(cell: string | null | undefined): string[] {
  return uniq(
    String(cell ?? '')
      .split(/[、，,；;\n\r/]+/)
      .map(cleanName)
      .filter(Boolean),
  );
}

export function splitLeaders(cell: string | null | undefined): string[] {
  const lines = String(cell ?? '')
    .split(/[；;\n\r]+/)
    .map(cleanName)
    .filter(Boolean);
  const out: string[] = [];
  for (const line of lines) {
    const parts = line.split(/[、，,]/).map(cleanName).filter(Boolean);
    const allPersonalNames = parts.length > 1 && parts.every((p) => p.length <= 4 && !TITLE_WORD.test(p));
    out.push(...(allPersonalNames ? parts : [line]));
  }
  return uniq(out);
}

export function cleanName(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/^[\s、，,。.;；:：]+|[\s、，,。.;；:：]+$/g, '').trim();
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs)];
}
