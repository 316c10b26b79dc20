/**
 * Evidence lists as returns write them (DOMAIN §2): `2-5-1 工作方案.pdf；2-5-2 会议纪要.pdf`, one item per
 * line or separated by ；. The number follows the problem code (2-5-1 is item 1 of problem 2-5).
 * Placeholders (见附件, 无) list nothing.
 */
export interface EvidenceItem {
  number: string | null;
  title: string;
}

const PLACEHOLDER = /^(见附件|详见附件|附件|无|暂无|略|待补充|后附|\/|—+|-+)$/;
const NUMBERED = /^(\d+(?:\s*[-－—–.]\s*\d+){1,4})\s*[、.:：．]?\s*(.*)$/s;

export function splitEvidence(cell: string): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  for (const part of cell.split(/[；;\n\r]+/)) {
    const item = part.trim().replace(/[，,。]$/, '');
    if (!item || PLACEHOLDER.test(item)) continue;
    const m = item.normalize('NFKC').match(NUMBERED);
    if (m && m[2]!.trim()) out.push({ number: m[1]!.replace(/\s+/g, '').replace(/[－—–.]/g, '-'), title: m[2]!.trim() });
    else out.push({ number: null, title: item });
  }
  return out;
}

/** The item's place after its problem's code: 2-5-1 under 2-5 → 1; null when the number is another's. */
export function seqUnder(problemCode: string, number: string | null): number | null {
  if (!number || !number.startsWith(problemCode + '-')) return null;
  const rest = number.slice(problemCode.length + 1);
  return /^\d{1,4}$/.test(rest) ? Number(rest) : null;
}
