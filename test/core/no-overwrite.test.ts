import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../electron/cli';
import { tmpDir, tmpService } from '../helpers/ledger';

/** Issue 12, finding 3: no command and no API replaces an existing file unless told (`--force`). */
function capture() {
  const err: string[] = [];
  const out: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, err, out };
}

const KINDS: { kind: string; out: string }[] = [
  { kind: 'ledger', out: '总台账.xlsx' },
  { kind: 'summary', out: '汇总表.xlsx' },
  { kind: 'report', out: '公布.txt' },
  { kind: 'report', out: '公布.docx' },
  { kind: 'evidence', out: '材料包.zip' },
];

describe('export never replaces an existing file unless --force', () => {
  let t: ReturnType<typeof tmpDir>;
  let ledger: string;
  beforeAll(async () => {
    t = tmpDir();
    ledger = path.join(t.dir, 'sample.zgtz');
    expect(await runCli(['init', ledger, '--sample'], capture().io)).toBe(0);
  });
  afterAll(() => t.cleanup());

  for (const { kind, out } of KINDS) {
    it(`${kind} → ${out}: refused with exit 2 and the file untouched; --force replaces it`, async () => {
      const file = path.join(t.dir, out);
      const master = Buffer.from(`a master workbook a person imported from ${kind} ${out}`);
      fs.writeFileSync(file, master);
      const c = capture();
      const code = await runCli(['export', ledger, '--kind', kind, '--out', file, '--as-of', '2024-12-31'], c.io);
      expect(code).toBe(2);
      expect(c.err.join('\n')).toMatch(/文件已存在.*--force/);
      expect(fs.readFileSync(file).equals(master)).toBe(true);
      expect(fs.readdirSync(t.dir).filter((n) => n.startsWith('.'))).toEqual([]);

      const forced = capture();
      expect(await runCli(['export', ledger, '--kind', kind, '--out', file, '--as-of', '2024-12-31', '--force'], forced.io)).toBeLessThan(2);
      expect(fs.readFileSync(file).equals(master)).toBe(false);
      expect(fs.statSync(file).size).toBeGreaterThan(100);
    });
  }

  it('returns into a folder that already holds one unit’s template: refused before writing any template', async () => {
    const dir = path.join(t.dir, '回执');
    expect(await runCli(['export', ledger, '--kind', 'returns', '--out', dir], capture().io)).toBe(0);
    const names = fs.readdirSync(dir).sort();
    expect(names.length).toBeGreaterThan(1);
    fs.rmSync(path.join(dir, names[0]!));
    const kept = path.join(dir, names[1]!);
    fs.writeFileSync(kept, 'edited by the unit');
    const c = capture();
    expect(await runCli(['export', ledger, '--kind', 'returns', '--out', dir], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/文件已存在/);
    expect(fs.readFileSync(kept, 'utf8')).toBe('edited by the unit');
    expect(fs.existsSync(path.join(dir, names[0]!))).toBe(false);
    expect(await runCli(['export', ledger, '--kind', 'returns', '--out', dir, '--force'], capture().io)).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(names);
  });
});

describe('the API never replaces an existing file with a typed path', () => {
  it('export.run and evidence.exportPackage to an existing file are refused, the file untouched', async () => {
    const s = tmpService();
    try {
      await s.call('ledger.addSample', {});
      const file = path.join(s.dir, '已有.xlsx');
      fs.writeFileSync(file, 'keep me');
      const r = await s.service.call('export.run', { kind: 'ledger', asOf: '2024-12-31', path: file });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/文件已存在/);
      const zip = path.join(s.dir, '已有.zip');
      fs.writeFileSync(zip, 'keep me too');
      const p = await s.service.call('evidence.exportPackage', { format: 'zip', path: zip });
      expect(p.ok).toBe(false);
      expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
      expect(fs.readFileSync(zip, 'utf8')).toBe('keep me too');
    } finally {
      s.cleanup();
    }
  });
});
