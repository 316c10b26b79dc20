import { afterEach, describe, expect, it } from 'vitest';
import { tmpLedger } from '../helpers/ledger';
import { withMemoryJournals } from '../../electron/core/db/memory-journal';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('withMemoryJournals', () => {
  it('keeps temporary files in memory while it runs and restores the setting, also after a throw', () => {
    const l = tmpLedger();
    cleanups.push(l.cleanup);
    const setting = () => l.db.raw.pragma('temp_store', { simple: true });
    const before = setting();
    expect(withMemoryJournals(l.db, () => setting())).toBe(2);
    expect(setting()).toBe(before);
    expect(() => withMemoryJournals(l.db, () => { throw new Error('x'); })).toThrow('x');
    expect(setting()).toBe(before);
    // Inside a transaction the setting cannot change: the function runs as it is.
    expect(l.db.tx(() => withMemoryJournals(l.db, () => setting()))).toBe(before);
    l.db.close();
  });
});
