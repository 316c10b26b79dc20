import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runCliProcess, cliJson } from '../helpers/cli';
import { tmpDir } from '../helpers/ledger';
import { openDb } from '../../electron/core/db/open';
import { runAction } from '../../electron/core/ledger/actions';

describe('the command line', () => {
  let t: ReturnType<typeof tmpDir>;
  beforeAll(() => (t = tmpDir()));
  afterAll(() => t.cleanup());

  it('init + stats --json give all-zero figures, and check passes', () => {
    const file = path.join(t.dir, 'new.zgtz');
    const init = runCliProcess(['init', file, '--title', '测试轮次']);
    expect(init.code).toBe(0);
    const stats = cliJson<Record<string, unknown>>(['stats', file, '--as-of', '2025-01-31', '--json']);
    const zero = { total: 0, completed: 0, dueInPeriod: 0, completedInPeriod: 0, rateInPeriod: 0, outOfPeriod: 0, completedOutOfPeriod: 0, overdue: 0, unstated: 0 };
    expect(stats).toEqual({ asOf: '2025-01-31', general: zero, specific: zero, measures: { total: 0, completed: 0, unstated: 0 }, byCategory: [], byUnit: [], stated: [], deadlineUnparsed: 0, deadlineUnparsedCodes: [] });
    const check = runCliProcess(['check', file]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('台账检查通过');
    expect(cliJson(['list', file, '--json'])).toEqual([]);
  });

  it('check reports a unit named by a list with a split proposal, --split-units repairs it; stats --json counts unparsed deadlines', () => {
    const file = path.join(t.dir, 'phantom.zgtz');
    expect(runCliProcess(['init', file, '--sample']).code).toBe(0);
    // What the previous version wrote: a unit named by a list, and a deadline kept as text.
    const db = openDb(file);
    runAction(db, { source: 'edit', label: '旧版本写入', actor: 'old' }, () => {
      const id = Number(db.raw.prepare("INSERT INTO units (name, sort) VALUES ('法治调研科、立法科', 99)").run().lastInsertRowid);
      db.raw.prepare("UPDATE problems SET lead_unit_id = ? WHERE code = '1-1'").run(id);
      db.raw.prepare("UPDATE problems SET deadline_raw = '明年上半年', deadline_kind = 'text', deadline_date = NULL WHERE code = '1-2'").run();
    });
    db.close();
    const check = runCliProcess(['check', file]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('单位“法治调研科、立法科”');
    expect(check.stderr).toContain('建议拆分为牵头单位“法治调研科”和配合单位“立法科”');
    const stats = cliJson<{ deadlineUnparsed: number; deadlineUnparsedCodes: string[]; byUnit: { unit: string }[] }>(['stats', file, '--json']);
    expect(stats.deadlineUnparsed).toBe(1);
    expect(stats.deadlineUnparsedCodes).toEqual(['1-2']);
    const fixed = runCliProcess(['check', file, '--split-units']);
    expect(fixed.stdout).toContain('已拆分“法治调研科、立法科”：牵头单位“法治调研科”，配合单位“立法科”');
    expect(fixed.stderr).not.toContain('法治调研科、立法科');
    const after = cliJson<{ byUnit: { unit: string }[] }>(['stats', file, '--json']);
    expect(after.byUnit.map((u) => u.unit).filter((u) => u.includes('、'))).toEqual([]);
    const list = cliJson<{ code: string; leadUnit: string; units: string[] }[]>(['list', file, '--json']);
    expect(list.find((p) => p.code === '1-1')).toMatchObject({ leadUnit: '法治调研科', units: expect.arrayContaining(['立法科']) });
  });

  it('refuses to overwrite an existing file with init', () => {
    const file = path.join(t.dir, 'exists.zgtz');
    fs.writeFileSync(file, 'x');
    const r = runCliProcess(['init', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/文件已存在/);
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
  });

  it('gives exit 2 and one clear line for a corrupt or missing file, writing nothing', () => {
    const bad = path.join(t.dir, 'corrupt.zgtz');
    fs.writeFileSync(bad, Buffer.alloc(5000, 7));
    const before = fs.readFileSync(bad);
    for (const cmd of ['stats', 'list', 'check']) {
      const r = runCliProcess([cmd, bad, '--json']);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/不是整改台账文件/);
    }
    expect(fs.readFileSync(bad).equals(before)).toBe(true);
    expect(fs.existsSync(bad + '-wal')).toBe(false);
    const missing = runCliProcess(['stats', path.join(t.dir, 'nope.zgtz'), '--json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/找不到台账文件/);
  });

  it('gives exit 2 for a truncated ledger', () => {
    const file = path.join(t.dir, 'sample.zgtz');
    expect(runCliProcess(['init', file, '--sample']).code).toBe(0);
    const truncated = path.join(t.dir, 'truncated.zgtz');
    fs.writeFileSync(truncated, fs.readFileSync(file).subarray(0, 12288));
    const r = runCliProcess(['check', truncated]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/台账文件已损坏/);
  });

  it('gives exit 2 for bad arguments', () => {
    expect(runCliProcess(['stats']).code).toBe(2);
    expect(runCliProcess(['stats', 'x.zgtz', '--as-of', '2024-02-30']).stderr).toMatch(/--as-of 应为有效日期/);
    expect(runCliProcess(['frobnicate']).code).toBe(2);
    expect(runCliProcess(['stats', 'x.zgtz', '--bogus']).stderr).toMatch(/未知选项 --bogus/);
  });

  it('lists the sample ledger in the documented shape', () => {
    const file = path.join(t.dir, 'sample.zgtz');
    const list = cliJson<Record<string, unknown>[]>(['list', file, '--json']);
    expect(list.length).toBe(27);
    expect(Object.keys(list[0]!)).toEqual(['code', 'kind', 'category', 'text', 'leaders', 'leadUnit', 'units', 'deadline', 'status', 'measures', 'progress']);
    expect(list[0]).toMatchObject({ code: '1-1', kind: 'general', deadline: { raw: '2025年3月31日前', kind: 'date', date: '2025-03-31' }, status: '已完成' });
    expect((list[0]!.measures as unknown[])[0]).toEqual({ no: 1, text: '修订党组理论学习中心组学习规则，明确年度学习计划和专题研讨次数。', status: '已完成', deadline: { raw: '', kind: 'none', date: null } });
  });
});
