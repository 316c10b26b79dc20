import type { Db } from '../db/open';
import { getMeta, setMeta } from './meta';

/** The clerk (填报人) working at one computer: the name the history and the sign-off steps record. */
export interface Clerk {
  name: string;
  unit: string;
}

/**
 * Kept in the ledger (so that it travels with the file) under this computer's id, so that two people
 * sharing one ledger file on two computers each keep their own name.
 */
const key = (computerId: string) => `clerk:${computerId}`;

export function getClerk(db: Db, computerId: string): Clerk | null {
  const raw = getMeta(db, key(computerId));
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<Clerk>;
    return { name: String(v.name ?? '').trim(), unit: String(v.unit ?? '').trim() };
  } catch {
    return null;
  }
}

/** Must run inside an action. */
export function setClerk(db: Db, computerId: string, clerk: Clerk): void {
  setMeta(db, key(computerId), JSON.stringify({ name: clerk.name.trim(), unit: clerk.unit.trim() }));
}
