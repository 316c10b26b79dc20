/**
 * Order problems as the ledger reads: categories by their order, each general problem followed by its
 * specific problems. Works on any subset (a specific problem keeps its place even when its general
 * problem is not in the list), because the key uses the parent's position, not the tree.
 */
export function ledgerOrder<T extends { id: number; parentId: number | null }>(
  rows: T[],
  key: (row: T) => { categorySort: number; sort: number; parentSort: number | null },
): T[] {
  const keyed = rows.map((r) => {
    const k = key(r);
    const general = r.parentId == null;
    return {
      r,
      k: [k.categorySort, general ? k.sort : (k.parentSort ?? 0), general ? r.id : r.parentId!, general ? 0 : 1, general ? 0 : k.sort, r.id],
    };
  });
  keyed.sort((a, b) => {
    for (let i = 0; i < a.k.length; i++) if (a.k[i] !== b.k[i]) return a.k[i]! - b.k[i]!;
    return 0;
  });
  return keyed.map((x) => x.r);
}
