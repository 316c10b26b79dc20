import { afterEach, describe, expect, it } from 'vitest';
import { backupsToKeep } from '../../electron/core/backup/retention';
import { createBackup, listBackups } from '../../electron/core/backup/backup';
import { setClockForTests } from '../../electron/core/clock';
import { tmpDir, tmpLedger } from '../helpers/ledger';
import { createSampleLedger } from '../../electron/core/ledger/sample';
import path from 'node:path';

/**
 * Issue 12, finding 8: retention orders backups by what really happened. Backups made while the PC's
 * clock was wrong (a year ahead, or years behind) must not hold the "last 10" slots for good.
 */
afterEach(() => setClockForTests(null));

describe('retention with a wrong clock', () => {
  it('ten backups stamped a year ahead do not push out the real ones (pure)', () => {
    const now = new Date(2025, 5, 18, 12);
    const future = Array.from({ length: 10 }, (_, i) => ({ name: `f${i}`, at: new Date(2026, 5, 18, 9, i), seq: i + 1 }));
    const real = Array.from({ length: 15 }, (_, i) => ({ name: `r${i}`, at: new Date(2025, 5, 18, 10, i), seq: 11 + i }));
    const keep = backupsToKeep([...future, ...real], now);
    for (let i = 5; i < 15; i++) expect(keep.has(`r${i}`), `r${i}`).toBe(true);
    for (const f of future) expect(keep.has(f.name), f.name).toBe(false);
  });

  it('a clock set years back (after real backups) does not delete the real recent ones first', () => {
    const now = new Date(2019, 0, 5, 12);
    const earlier = Array.from({ length: 10 }, (_, i) => ({ name: `e${i}`, at: new Date(2025, 5, 18, 9, i), seq: i + 1 }));
    const later = Array.from({ length: 4 }, (_, i) => ({ name: `l${i}`, at: new Date(2019, 0, 5, 10, i), seq: 11 + i }));
    const keep = backupsToKeep([...earlier, ...later], now);
    // The last 10 made: the 4 made after the clock went back and the 6 made just before.
    expect([...keep].sort()).toEqual(['e4', 'e5', 'e6', 'e7', 'e8', 'e9', 'l0', 'l1', 'l2', 'l3'].sort());
  });

  it('real backups: 10 made with the clock a year ahead, then 15 with the right clock: the last 10 made are kept', async () => {
    const l = tmpLedger();
    const data = tmpDir();
    try {
      createSampleLedger(l.db);
      const folder = path.join(data.dir, 'backups');
      const right = new Date(2025, 5, 18, 9, 0);
      const ahead = new Date(2026, 5, 18, 9, 0);
      for (let i = 0; i < 10; i++) {
        setClockForTests(new Date(ahead.getTime() + i * 60_000));
        await createBackup(l.db, folder, 'daily');
      }
      const made: string[] = [];
      for (let i = 0; i < 15; i++) {
        setClockForTests(new Date(right.getTime() + i * 60_000));
        made.push((await createBackup(l.db, folder, 'manual')).name);
      }
      const left = listBackups(folder).map((b) => b.name);
      for (const name of made.slice(-10)) expect(left, name).toContain(name);
      expect(left.filter((n) => n.startsWith('2026'))).toEqual([]);
    } finally {
      l.cleanup();
      data.cleanup();
    }
  });
});
