/**
 * Cells as spreadsheets put them on the clipboard: tab between cells, newline between rows, and a cell
 * that holds a tab, newline or quote wrapped in quotes with inner quotes doubled (Excel, WPS, LibreOffice).
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const s = text.replace(/\r\n?/g, '\n');
  let atCellStart = true;
  while (i < s.length) {
    const ch = s[i]!;
    if (atCellStart && ch === '"') {
      // A quoted cell: runs to the closing quote that is not doubled.
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < s.length) {
        if (s[j] === '"') {
          if (s[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        value += s[j];
        j++;
      }
      // Text that merely starts with a quote (not a spreadsheet's quoting) is kept as typed.
      if (closed && (j >= s.length || s[j] === '\t' || s[j] === '\n')) {
        cell = value;
        i = j;
        atCellStart = false;
        continue;
      }
    }
    atCellStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
    } else cell += ch;
    i++;
  }
  // The newline after the last row is not another, empty row.
  if (!atCellStart || cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The reverse, for copying cells out of the table into a spreadsheet. */
export function formatTsv(rows: readonly (readonly string[])[]): string {
  const quote = (v: string) => (/[\t\n\r"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(quote).join('\t')).join('\r\n');
}
