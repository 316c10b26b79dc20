import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerFileName } from '../../shared/domain/ledgerName';
import { createSession } from '../../electron/core/session';
import { tmpDir, tmpService, type TmpService } from '../helpers/ledger';

describe('first use: ledgers by name in the data folder, the sample in its own file', () => {
  let s: TmpService;
  beforeEach(() => (s = tmpService()));
  afterEach(() => s.cleanup());

  it('turns a name into a file name, refusing what a file name cannot hold, saying which characters', () => {
    expect(ledgerFileName('2025年巡察整改')).toEqual({ ok: true, file: '2025年巡察整改.zgtz' });
    expect(ledgerFileName('  司法局台账.zgtz ')).toEqual({ ok: true, file: '司法局台账.zgtz' });
    for (const bad of ['a/b', 'a\\b', '..', 'a:b', 'x?', '<x>', '台账|1', '"q"', '*']) {
      const r = ledgerFileName(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/名称/);
    }
    expect(ledgerFileName('   ')).toMatchObject({ ok: false, message: '请填写台账名称' });
    expect(ledgerFileName('x'.repeat(81))).toMatchObject({ ok: false });
  });

  it('creates a ledger by name in the data folder and opens it; the same name again is refused', async () => {
    const info = await s.call('ledger.createNamed', { name: '2025年巡察整改' });
    expect(info.path).toBe(path.join(s.session.dataDir, '2025年巡察整改.zgtz'));
    expect(info.name).toBe('2025年巡察整改');
    expect(fs.existsSync(info.path)).toBe(true);
    const again = await s.service.call('ledger.createNamed', { name: '2025年巡察整改' });
    expect(again).toMatchObject({ ok: false, error: { code: 'FILE_EXISTS' } });
    if (!again.ok) expect(again.error.message).toContain('已有名为“2025年巡察整改”的台账');
    const bad = await s.service.call('ledger.createNamed', { name: '../外面' });
    expect(bad).toMatchObject({ ok: false });
    expect(fs.readdirSync(path.dirname(s.session.dataDir)).some((f) => f.includes('外面'))).toBe(false);
  });

  it('opens the sample as its own file (示例台账.zgtz), leaving the open ledger empty; a second time opens the same file', async () => {
    const before = s.session.path();
    const info = await s.call('ledger.openSample', {});
    expect(info.path).toBe(path.join(s.session.dataDir, '示例台账.zgtz'));
    expect(info.problemCount).toBeGreaterThan(0);
    await s.call('ledger.open', { path: before });
    expect((await s.call('ledger.info', {})).problemCount).toBe(0);
    const again = await s.call('ledger.openSample', {});
    expect(again.path).toBe(info.path);
    expect(again.problemCount).toBe(info.problemCount);
  });

  it('a session asked to create a missing ledger file (npm run web -- --ledger NEW.zgtz) creates it; otherwise a missing file is refused', () => {
    const t = tmpDir('first-use-');
    try {
      const file = path.join(t.dir, '新台账.zgtz');
      expect(() => createSession({ dataDir: t.dir, ledgerPath: file })).toThrow();
      const session = createSession({ dataDir: t.dir, ledgerPath: file, createIfMissing: true });
      expect(session.path()).toBe(file);
      session.close();
      expect(fs.existsSync(file)).toBe(true);
    } finally {
      t.cleanup();
    }
  });
});
