import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpDir } from '../helpers/ledger';
import { generateRound } from '../helpers/reminders';
import { runCli } from '../../electron/cli';
import { openDb, type Db } from '../../electron/core/db/open';
import { setClockForTests } from '../../electron/core/clock';
import { runAction } from '../../electron/core/ledger/actions';
import { buildTodo } from '../../electron/core/reminders/todo';
import { buildNotices, noticeText, sentNotices } from '../../electron/core/reminders/notices';
import { setReminderSettings } from '../../electron/core/reminders/settings';
import { updateRound } from '../../electron/core/ledger/rounds';
import { docxParagraphs } from '../../electron/core/report/docx-source';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const hasSoffice = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 30_000 });
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const AS_OF = '2025-03-27';

function setUp(file: string, seed: number): { roundId: number } {
  const db = openDb(file, { create: true });
  try {
    const { roundId } = generateRound(db, seed, AS_OF);
    runAction(db, { source: 'edit', label: '设置' }, () => {
      updateRound(db, roundId, { cycleRule: { kind: 'monthly', day: 25 } });
      setReminderSettings(db, { sender: '市司法局巡察整改工作领导小组办公室', contact: '联系人：王明，电话：0931-1234567。', replyDays: 7, dueSoonDays: 10 });
    });
    return { roundId };
  } finally {
    db.close();
  }
}

/** The units with the most problems named (overdue + due soon), three of them. */
function threeUnits(db: Db, roundId: number): string[] {
  const todo = buildTodo(db, roundId, AS_OF);
  const n = new Map<string, number>();
  for (const p of [...todo.overdue, ...todo.dueSoon]) n.set(p.leadUnit!, (n.get(p.leadUnit!) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([u]) => u);
}

describe('督办通知', () => {
  let t: ReturnType<typeof tmpDir>;
  beforeEach(() => {
    setClockForTests(new Date('2025-01-01T08:00:00Z'));
    t = tmpDir();
  });
  afterEach(() => {
    setClockForTests(null);
    t.cleanup();
  });

  for (const seed of [2, 7, 13]) {
    it(`each unit's notice lists exactly the to-do view's problems of that unit (seed ${seed})`, () => {
      const file = path.join(t.dir, `n${seed}.zgtz`);
      const { roundId } = setUp(file, seed);
      const db = openDb(file);
      try {
        const todo = buildTodo(db, roundId, AS_OF);
        const notices = buildNotices(db, roundId, AS_OF);
        const expectedUnits = new Set([...todo.overdue, ...todo.dueSoon].map((p) => p.leadUnit!).concat(todo.returns.late.map((u) => u.unit)));
        expect(new Set(notices.map((n) => n.unit))).toEqual(expectedUnits);
        for (const n of notices) {
          expect(n.overdue.map((p) => p.code)).toEqual(todo.overdue.filter((p) => p.leadUnit === n.unit).map((p) => p.code));
          expect(n.dueSoon.map((p) => p.code)).toEqual(todo.dueSoon.filter((p) => p.leadUnit === n.unit).map((p) => p.code));
          expect(n.title).toBe(n.overdue.length || n.lateReturn ? '督办通知' : '提醒函');
          const text = noticeText(n);
          expect(text.split('\n')[1]).toBe(`${n.unit}：`);
          for (const p of n.overdue) expect(text).toContain(`【${p.code}】`), expect(text).toContain(`已逾期${p.days}天`);
          expect(text).toContain('2025年4月3日前'); // 7 days after the notice date
          expect(text).toContain('市司法局巡察整改工作领导小组办公室\n2025年3月27日\n');
        }
      } finally {
        db.close();
      }
    });
  }

  it('export --kind notices writes one .docx and .txt per unit and lists each in the unit’s history', async () => {
    const file = path.join(t.dir, 'cli.zgtz');
    const { roundId } = setUp(file, 6);
    let units: string[];
    let todo: ReturnType<typeof buildTodo>;
    {
      const db = openDb(file);
      units = threeUnits(db, roundId);
      todo = buildTodo(db, roundId, AS_OF);
      db.close();
    }
    expect(units).toHaveLength(3);
    const out = path.join(t.dir, 'notices');
    const r = await cli(['export', file, '--kind', 'notices', '--out', out, '--as-of', AS_OF, ...units.flatMap((u) => ['--unit', u]), '--json']);
    expect(r.code, r.err).toBe(0);
    const files = fs.readdirSync(out).sort();
    expect(files).toHaveLength(6);
    const db = openDb(file);
    try {
      const sent = sentNotices(db, roundId);
      expect(sent.map((s) => s.unit).sort()).toEqual([...units].sort());
      for (const u of units) {
        const docx = files.find((f) => f.includes(u) && f.endsWith('.docx'))!;
        const paragraphs = docxParagraphs(docx, fs.readFileSync(path.join(out, docx))).join('\n');
        const codes = [...paragraphs.matchAll(/【([\d-]+)】/g)].map((m) => m[1]);
        const wanted = [...todo.overdue, ...todo.dueSoon].filter((p) => p.leadUnit === u).map((p) => p.code);
        expect(codes).toEqual(wanted);
        expect(sentNotices(db, roundId, u)[0]!.codes).toEqual(wanted);
      }
    } finally {
      db.close();
    }
    expect((await cli(['export', file, '--kind', 'notices', '--out', out, '--unit', '不存在的科'])).err).toContain('找不到单位');
    expect((await cli(['export', file, '--kind', 'notices', '--out', path.join(out, 'a.docx')])).code).toBe(2);
  });

  it('export --kind notices never replaces a file without --force (nothing written, nothing recorded), writes through temporaries and removes leftovers of killed runs', async () => {
    const file = path.join(t.dir, 'again.zgtz');
    const { roundId } = setUp(file, 3);
    const out = path.join(t.dir, 'again');
    expect((await cli(['export', file, '--kind', 'notices', '--out', out, '--as-of', AS_OF])).code).toBe(0);
    const names = fs.readdirSync(out).sort();
    expect(names.length).toBeGreaterThan(1);
    const sentCount = () => {
      const db = openDb(file);
      try {
        return sentNotices(db, roundId).length;
      } finally {
        db.close();
      }
    };
    const sent = sentCount();
    // A clerk edited one notice by hand; a killed run left a temporary (its process is gone).
    const edited = names.find((n) => n.endsWith('.txt'))!;
    fs.writeFileSync(path.join(out, edited), '经办人改过的通知');
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    const leftover = `.${names[0]}.${gone}-0badc0de.tmp`;
    fs.writeFileSync(path.join(out, leftover), 'half a notice');

    const refused = await cli(['export', file, '--kind', 'notices', '--out', out, '--as-of', AS_OF]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/文件已存在.*未导出任何文件.*--force/);
    expect(fs.readFileSync(path.join(out, edited), 'utf8')).toBe('经办人改过的通知');
    expect(sentCount()).toBe(sent);
    expect(fs.readdirSync(out).filter((n) => !n.startsWith('.')).sort()).toEqual(names);

    const forced = await cli(['export', file, '--kind', 'notices', '--out', out, '--as-of', AS_OF, '--force']);
    expect(forced.code, forced.err).toBe(0);
    expect(fs.readFileSync(path.join(out, edited), 'utf8')).not.toBe('经办人改过的通知');
    expect(sentCount()).toBe(2 * sent);
    // Only the notices: the leftover is gone and no temporary of this run stays.
    expect(fs.readdirSync(out).sort()).toEqual(names);
  });

  it.skipIf(!hasSoffice)('three units’ notices render in LibreOffice as A4 pages (PNG kept in NOTICE_PNG_DIR when set)', async () => {
    const file = path.join(t.dir, 'lo.zgtz');
    const { roundId } = setUp(file, 6);
    const db = openDb(file);
    const units = threeUnits(db, roundId);
    db.close();
    const out = path.join(t.dir, 'lo');
    expect((await cli(['export', file, '--kind', 'notices', '--out', out, '--as-of', AS_OF, ...units.flatMap((u) => ['--unit', u])])).code).toBe(0);
    const docs = fs.readdirSync(out).filter((f) => f.endsWith('.docx')).map((f) => path.join(out, f));
    const profile = `file://${path.join(t.dir, 'lo-profile')}`;
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, ...docs], { stdio: 'ignore', timeout: 180_000 });
    const keep = process.env.NOTICE_PNG_DIR;
    for (const d of docs) {
      const pdf = d.replace(/\.docx$/, '.pdf');
      expect(execFileSync('pdfinfo', [pdf]).toString()).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
      const prefix = path.join(keep ?? out, path.basename(d, '.docx'));
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, prefix]);
      expect(fs.readdirSync(keep ?? out).some((f) => f.startsWith(path.basename(d, '.docx')) && f.endsWith('.png'))).toBe(true);
    }
  }, 240_000);
});

describe('cli todo', () => {
  it('prints the to-do view of a date as JSON, equal to the core', async () => {
    setClockForTests(new Date('2025-01-01T08:00:00Z'));
    const t = tmpDir();
    try {
      const file = path.join(t.dir, 'todo.zgtz');
      const { roundId } = setUp(file, 4);
      const r = await cli(['todo', file, '--as-of', AS_OF, '--json']);
      expect(r.code, r.err).toBe(0);
      const db = openDb(file);
      const todo = buildTodo(db, roundId, AS_OF);
      db.close();
      expect(JSON.parse(r.out)).toEqual(JSON.parse(JSON.stringify(todo)));
      const text = await cli(['todo', file, '--as-of', AS_OF]);
      expect(text.out).toContain(`截至 ${AS_OF}，共 ${todo.count} 项待办`);
      for (const p of todo.overdue) expect(text.out).toContain(`${p.code}\t逾期${p.days}天`);
      expect((await cli(['todo', file, '--as-of', '2025-02-30'])).code).toBe(2);
    } finally {
      setClockForTests(null);
      t.cleanup();
    }
  });
});
