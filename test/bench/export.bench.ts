import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Db } from '../../electron/core/db/open';
import { runAction } from '../../electron/core/ledger/actions';
import { createCategory, createRound, currentRoundId } from '../../electron/core/ledger/rounds';
import { createProblem } from '../../electron/core/ledger/problems';
import { addMeasure, addProgress } from '../../electron/core/ledger/measures';
import { openBook } from '../../electron/core/excel/write/book';
import { loadLedgerData } from '../../electron/core/excel/write/data';
import { writeLedgerSheet } from '../../electron/core/excel/write/ledger-workbook';
import { exportReturnTemplates, exportSummaryWorkbook } from '../../electron/core/excel/write/exports';
import type { MeasureStatus } from '../../shared/domain/status';

/**
 * Exporting a ledger of 10,000 problems (2,000 general, 8,000 specific, three measures each, realistic
 * text lengths), styled: the ledger workbook in both layouts, with and without shared strings, the summary
 * sheet and the return templates. Target for the ledger workbook: under 2 s.
 */
const PROBLEMS = 10_000;
const UNITS = Array.from({ length: 40 }, (_, i) => `第${i + 1}业务科`);
const STATUSES: MeasureStatus[] = ['已完成', '正在推进', '未启动', '长期坚持'];
const SENTENCE = '围绕巡察反馈问题，制定整改方案，明确责任分工和完成时限，建立整改台账并实行销号管理，';

export function build(db: Db): void {
  runAction(db, { source: 'system', label: '基准台账' }, () => {
    const roundId = createRound(db, { title: '基准测试巡察整改', inspectedOrg: '市某局党组', feedbackDate: '2024-10-28', periodEnd: '2025-02-28' });
    let made = 0;
    for (let c = 1; made < PROBLEMS; c++) {
      const categoryId = createCategory(db, roundId, `第${c}类反馈问题：${SENTENCE.slice(0, 20)}`);
      for (let g = 0; g < 50 && made < PROBLEMS; g++) {
        const add = (parentId: number | null, n: number) => {
          const id = createProblem(db, {
            categoryId,
            parentId,
            kind: parentId == null ? 'general' : 'specific',
            text: `${SENTENCE.repeat(1 + (n % 3))}问题${n}。`,
            leaders: [n % 2 ? '局党组成员、副局长（分管业务）' : '局党组书记、局长'],
            leadUnit: UNITS[n % UNITS.length],
            units: n % 5 ? [] : [UNITS[(n + 1) % UNITS.length]!],
            deadline: { raw: n % 7 ? `2025年${1 + (n % 12)}月${1 + (n % 28)}日前` : '立行立改，长期坚持' },
          });
          for (let m = 0; m < 3; m++) addMeasure(db, id, { text: `${SENTENCE.repeat(1 + ((n + m) % 4))}第${m + 1}项措施。`, status: STATUSES[(n + m) % 4] });
          if (n % 2) addProgress(db, id, { date: '2025-02-20', text: `${SENTENCE}已完成阶段性任务。` });
          made++;
          return id;
        };
        const gid = add(null, made);
        for (let s = 0; s < 4 && made < PROBLEMS; s++) add(gid, made);
      }
    }
  });
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export default async function bench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-bench-'));
  try {
    const db = openDb(path.join(dir, 'bench.zgtz'), { create: true });
    let t = performance.now();
    build(db);
    process.stdout.write(`建立 ${PROBLEMS} 个问题的台账：${seconds(performance.now() - t)}（不计入导出）\n`);
    const roundId = currentRoundId(db)!;

    // The first export of a process also pays for compiling the code paths: measured once, then every
    // variant is measured warm.
    for (const pass of ['首次（冷启动）', '']) {
      for (const layout of ['rows', 'cell'] as const) {
        for (const sharedStrings of [false, true]) {
          if (pass && (layout !== 'rows' || sharedStrings)) continue;
          const file = path.join(dir, `ledger-${layout}-${sharedStrings}.xlsx`);
          t = performance.now();
          const data = loadLedgerData(db, roundId);
          const loaded = performance.now() - t;
          const book = openBook({ file, sharedStrings });
          const rows = await writeLedgerSheet(book, data, { date: '2025-03-01', layout });
          await book.finish();
          const total = performance.now() - t;
          process.stdout.write(
            `${pass}台账总表 ${layout === 'rows' ? '每项措施一行' : '措施同一单元格'}，sharedStrings=${sharedStrings}：${seconds(total)}` +
              `（其中读取问题的编号 ${seconds(loaded)}，问题本身边写边读），${rows} 行，${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB\n`,
          );
        }
      }
    }
    t = performance.now();
    await exportSummaryWorkbook(db, roundId, { asOf: '2025-03-01' }, path.join(dir, 'summary.xlsx'));
    process.stdout.write(`汇总表（含未完成问题清单）：${seconds(performance.now() - t)}\n`);
    t = performance.now();
    const r = await exportReturnTemplates(db, roundId, { asOf: '2025-03-01' }, { dir: path.join(dir, 'returns') });
    process.stdout.write(`回执模板 ${r.workbooks} 个单位：${seconds(performance.now() - t)}\n`);
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
