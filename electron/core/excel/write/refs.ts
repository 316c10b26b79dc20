/** 1 → A, 27 → AA. */
export function encodeCol(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function ref(row: number, col: number): string {
  return `${encodeCol(col)}${row}`;
}

export function rangeRef(top: number, left: number, bottom: number, right: number): string {
  return `${ref(top, left)}:${ref(bottom, right)}`;
}
