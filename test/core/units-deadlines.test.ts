import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tmpService, type TmpService } from '../helpers/ledger';
import { runAction } from '../../electron/core/ledger/actions';
import { checkLedger } from '../../electron/core/ledger/check';
import { splitAllUnitLists } from '../../electron/core/ledger/people';
import { readDeadline, parseDeadline } from '../../shared/domain/deadline';

const SEPARATORS = ['、', '，', '；', '/', '\n', ',', ';'];

/** A small deterministic generator: unit names and separators vary with the seed. */
function rng(seed: number) {
  let x = seed * 2654435761;
  return (n: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return Math.abs(x) % n;
  };
}

function unitList(seed: number): { cell: string; names: string[] } {
  const r = rng(seed);
  const count = 2 + r(3);
  const names = Array.from({ length: count }, (_, i) => `${['法治调研', '立法', '政治', '行政复议', '公共法律服务', '办公'][(seed + i) % 6]}${i}科`);
  const cell = names.map((n, i) => (i ? SEPARATORS[r(SEPARATORS.length)]! : '') + (r(2) ? ` ${n} ` : n)).join('');
  return { cell, names };
}

describe('units and leaders as records', () => {
  let s: TmpService;
  beforeEach(async () => {
    s = tmpService();
    await s.call('ledger.addSample', {});
  });
  afterEach(() => s.cleanup());

  const listNamed = async () => (await s.call('people.units', {})).filter((u) => /[、，,；;/\n]/.test(u.name));

  it('a pasted list in 牵头单位 asks to confirm new names, then becomes a lead and cooperating units', async () => {
    const [a] = await s.call('problems.list', {});
    const refused = await s.service.call('problems.paste', { cells: [{ id: a!.id, field: 'leadUnit', value: '甲科、乙科' }], names: {} });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('NEW_UNITS');
      expect(refused.error.message).toContain('“甲科”“乙科”不是已有的单位或别称');
      expect(refused.error.detail).toEqual({ names: ['甲科', '乙科'] });
    }
    expect((await s.call('people.units', {})).some((u) => u.name.includes('甲科'))).toBe(false);
    await s.call('problems.paste', { cells: [{ id: a!.id, field: 'leadUnit', value: '甲科、乙科' }], names: { newUnits: ['甲科', '乙科'] } });
    const d = await s.call('problems.get', { id: a!.id });
    expect(d.leadUnit).toBe('甲科');
    expect(d.units).toContain('乙科');
    expect(await listNamed()).toEqual([]);
  });

  it('through the API without answers, any list is split and never names a unit (generated lists)', async () => {
    const problems = await s.call('problems.list', {});
    for (let seed = 1; seed <= 12; seed++) {
      const p = problems[seed % problems.length]!;
      const { cell, names } = unitList(seed);
      const field = seed % 3 === 0 ? 'units' : 'leadUnit';
      await s.call('problems.paste', { cells: [{ id: p.id, field, value: cell }] });
      const d = await s.call('problems.get', { id: p.id });
      if (field === 'leadUnit') {
        expect(d.leadUnit).toBe(names[0]);
        for (const n of names.slice(1)) expect(d.units).toContain(n);
        expect(d.units).not.toContain(names[0]);
      } else expect(d.units).toEqual(names);
      await s.call('problems.update', { id: p.id, patch: { leadUnit: cell } });
      expect((await s.call('problems.get', { id: p.id })).leadUnit).toBe(names[0]);
    }
    expect(await listNamed()).toEqual([]);
    const stats = await s.call('stats.get', {});
    expect(stats.byUnit.filter((u) => /[、，,；;/\n]/.test(u.unit))).toEqual([]);
  });

  it('a new name answered as another name of an existing unit becomes its alias, in the same action', async () => {
    const [a] = await s.call('problems.list', {});
    const units = await s.call('people.units', {});
    const target = units[0]!;
    await s.call('problems.update', { id: a!.id, patch: { leadUnit: '政研' }, names: { unitAliases: [{ alias: '政研', name: target.name }] } });
    expect((await s.call('problems.get', { id: a!.id })).leadUnit).toBe(target.name);
    expect((await s.call('people.units', {})).find((u) => u.id === target.id)!.aliases).toContain('政研');
    expect((await s.call('ledger.info', {})).undo.undoLabel).toMatch(/^修改 .* 的牵头单位$/);
    await s.call('history.undo', {});
    expect((await s.call('people.units', {})).find((u) => u.id === target.id)!.aliases).not.toContain('政研');
  });

  it('rename and merge are single undoable actions and the figures follow', async () => {
    const before = await s.call('stats.get', {});
    const units = (await s.call('people.units', {})).filter((u) => u.problemCount > 0);
    const [x, y] = units;
    const xRow = before.byUnit.find((u) => u.unit === x!.name)!;
    const yRow = before.byUnit.find((u) => u.unit === y!.name)!;
    await s.call('people.rename', { kind: 'unit', id: x!.id, name: '新名称科' });
    const renamed = await s.call('stats.get', {});
    expect(renamed.byUnit.find((u) => u.unit === '新名称科')!.general).toEqual(xRow.general);
    expect(renamed.byUnit.some((u) => u.unit === x!.name)).toBe(false);
    await s.call('history.undo', {});
    expect((await s.call('stats.get', {})).byUnit.find((u) => u.unit === x!.name)!.general).toEqual(xRow.general);

    await s.call('people.merge', { kind: 'unit', fromId: x!.id, intoId: y!.id });
    expect((await s.call('ledger.info', {})).undo.undoLabel).toBe(`将“${x!.name}”合并到“${y!.name}”`);
    const merged = await s.call('stats.get', {});
    expect(merged.byUnit.some((u) => u.unit === x!.name)).toBe(false);
    const m = merged.byUnit.find((u) => u.unit === y!.name)!;
    expect(m.general.total).toBe(xRow.general.total + yRow.general.total);
    expect(m.specific.total).toBe(xRow.specific.total + yRow.specific.total);
    const yInfo = (await s.call('people.units', {})).find((u) => u.id === y!.id)!;
    expect(yInfo.aliases).toContain(x!.name);
    expect(yInfo.usedBy.length).toBeGreaterThanOrEqual(x!.problemCount + y!.problemCount);
    await s.call('history.undo', {});
    expect((await s.call('stats.get', {})).byUnit.find((u) => u.unit === x!.name)!.general).toEqual(xRow.general);
  });

  it('deletes a unit nothing uses and refuses one in use, naming its problems', async () => {
    const used = (await s.call('people.units', {})).find((u) => u.usedBy.length > 0)!;
    const r = await s.service.call('people.delete', { kind: 'unit', id: used.id });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain(used.usedBy[0]!.replace(/（.*）$/, ''));
    const [a] = await s.call('problems.list', {});
    await s.call('problems.update', { id: a!.id, patch: { units: ['临时科'] } });
    await s.call('problems.update', { id: a!.id, patch: { units: [] } });
    const temp = (await s.call('people.units', {})).find((u) => u.name === '临时科')!;
    expect(temp.usedBy).toEqual([]);
    await s.call('people.delete', { kind: 'unit', id: temp.id });
    expect((await s.call('people.units', {})).some((u) => u.name === '临时科')).toBe(false);
  });

  it('a ledger with phantom units from the previous version is reported with a proposal and repaired only when asked', async () => {
    const db = s.session.db();
    const [a, b] = await s.call('problems.list', {});
    // What the previous version did: a unit record named by the list.
    runAction(db, { source: 'edit', label: '旧版本写入', actor: 'old' }, () => {
      const id = Number(db.raw.prepare("INSERT INTO units (name, sort) VALUES ('立法科、政治部', 99)").run().lastInsertRowid);
      db.raw.prepare('UPDATE problems SET lead_unit_id = ? WHERE id = ?').run(id, a!.id);
      db.raw.prepare('INSERT INTO problem_units (problem_id, unit_id, ord) VALUES (?, ?, 9)').run(b!.id, id);
    });
    const findings = checkLedger(db).filter((f) => f.where.includes('立法科、政治部'));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('建议拆分为牵头单位“立法科”和配合单位“政治部”');
    expect(findings[0]!.message).toContain(a!.code);
    // Reporting changed nothing.
    expect((await s.call('problems.get', { id: a!.id })).leadUnit).toBe('立法科、政治部');
    const units = await s.call('people.units', {});
    expect(units.find((u) => u.name === '立法科、政治部')!.looksLikeList).toBe(true);

    splitAllUnitLists(db);
    const da = await s.call('problems.get', { id: a!.id });
    expect(da.leadUnit).toBe('立法科');
    expect(da.units).toContain('政治部');
    const db2 = await s.call('problems.get', { id: b!.id });
    expect(db2.units).toEqual(expect.arrayContaining(['立法科', '政治部']));
    expect(checkLedger(db).filter((f) => f.where.includes('、'))).toEqual([]);
    expect((await s.call('stats.get', {})).byUnit.some((u) => u.unit.includes('、'))).toBe(false);
    await s.call('history.undo', {});
    expect((await s.call('problems.get', { id: a!.id })).leadUnit).toBe('立法科、政治部');
  });
});

describe('one deadline rule', () => {
  let s: TmpService;
  beforeEach(async () => {
    s = tmpService();
    await s.call('ledger.addSample', {});
  });
  afterEach(() => s.cleanup());

  it('reads text the same way everywhere: ok, invalid (refused) or unparsed (kept only when confirmed)', () => {
    expect(readDeadline('2025年6月30日前', 2025)).toMatchObject({ state: 'ok', deadline: { kind: 'date', date: '2025-06-30' } });
    expect(readDeadline('2024年2月30日', 2024)).toMatchObject({ state: 'invalid' });
    expect(readDeadline('8月底前', null)).toMatchObject({ state: 'invalid' });
    const u = readDeadline('明年上半年', 2025);
    expect(u).toMatchObject({ state: 'unparsed', deadline: { raw: '明年上半年', kind: 'text', date: null } });
    if (u.state === 'unparsed') expect(u.message).toContain('只保留文字，不计入期限统计');
    expect(parseDeadline('明年上半年', 2025).invalidDate).toBeUndefined();
  });

  it('typed (update), pasted and bulk-set unparsed deadlines are refused until confirmed, then counted apart', async () => {
    const [a, b, c, d] = await s.call('problems.list', {});
    const typed = await s.service.call('problems.update', { id: a!.id, patch: { deadline: { raw: '明年上半年' } } });
    expect(typed).toMatchObject({ ok: false, error: { code: 'UNPARSED_DEADLINE' } });
    const bulk = await s.service.call('problems.updateMany', { ids: [b!.id, c!.id], patch: { deadline: { raw: '看情况' } } });
    expect(bulk).toMatchObject({ ok: false, error: { code: 'UNPARSED_DEADLINE' } });
    const pasted = await s.service.call('problems.paste', { cells: [{ id: d!.id, field: 'deadline', value: '明年上半年' }] });
    expect(pasted).toMatchObject({ ok: false, error: { code: 'UNPARSED_DEADLINES', detail: { cells: [{ code: d!.code, raw: '明年上半年' }] } } });
    if (!pasted.ok) expect(pasted.error.message).toContain(`${d!.code}“明年上半年”`);
    expect((await s.call('stats.get', {})).deadlineUnparsed).toBe(0);

    await s.call('problems.update', { id: a!.id, patch: { deadline: { raw: '明年上半年', kind: 'text' } } });
    await s.call('problems.updateMany', { ids: [b!.id, c!.id], patch: { deadline: { raw: '看情况', kind: 'text' } } });
    await s.call('problems.paste', { cells: [{ id: d!.id, field: 'deadline', value: '明年上半年' }], acceptUnparsedDeadlines: true });
    for (const p of [a, b, c, d]) expect((await s.call('problems.get', { id: p!.id })).deadline).toMatchObject({ kind: 'text', date: null });
    const stats = await s.call('stats.get', {});
    expect(stats.deadlineUnparsed).toBe(4);
    expect(new Set(stats.deadlineUnparsedCodes)).toEqual(new Set([a!.code, b!.code, c!.code, d!.code]));
    for (const p of [a, b, c, d]) {
      expect(stats.items[p!.kind].dueInPeriod).not.toContain(p!.id);
      expect(stats.items[p!.kind].overdue).not.toContain(p!.id);
    }
  });

  it('an impossible date is refused on every path', async () => {
    const [a] = await s.call('problems.list', {});
    expect(await s.service.call('problems.update', { id: a!.id, patch: { deadline: { raw: '2024年2月30日' } } })).toMatchObject({ ok: false, error: { code: 'BAD_DEADLINE' } });
    expect(await s.service.call('problems.paste', { cells: [{ id: a!.id, field: 'deadline', value: '2024年2月30日' }], acceptUnparsedDeadlines: true })).toMatchObject({
      ok: false,
      error: { code: 'PASTE_INVALID' },
    });
  });
});
