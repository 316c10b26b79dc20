import ExcelJS from 'exceljs';
import type { OpName, Req, Res } from '../../shared/api/contract';
import { splitLeaders } from '../../shared/domain/names';
import { parseResultPhrase } from '../../shared/domain/resultPhrase';
import { chineseDate, ymd } from '../../shared/domain/dates';
import type { MeasureStatus } from '../../shared/domain/status';
import { sharedFixture } from './ledger';

type Call = <K extends OpName>(name: K, req: Req<K>) => Promise<Res<K>>;

/** The date the published report was written: completed measures are dated no later than it. */
const REPORT_DATE = '2025-02-10';

interface SheetProblem {
  no: number;
  kind: 'general' | 'specific';
  text: string;
  leader: string;
  unit: string;
  deadline: string;
  deadlineDate: string | null;
  result: string;
  measures: string[];
}

function text(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return ymd(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v).trim();
}

/**
 * The master ledger fixture (`fixtures/workbooks/整改台账-总表.xlsx`, built from the published report) read in
 * its known layout: category banners, then one row per measure with the problem's cells merged down.
 * A test helper only (the Excel import of issue 3 is the product's reader).
 */
export async function readMasterLedger(file = sharedFixture('workbooks', '整改台账-总表.xlsx')) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const categories: { title: string; problems: SheetProblem[] }[] = [];
  for (let r = 5; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const c = (i: number) => text(row.getCell(i).value);
    const first = c(1);
    if (!first) continue;
    if (first.startsWith('（') && c(3) === first) {
      categories.push({ title: first.replace(/^（[一二三四五六七八九十]+）/, ''), problems: [] });
      continue;
    }
    const no = Number(first);
    if (!Number.isInteger(no)) continue;
    const list = categories.at(-1)!.problems;
    let p = list.at(-1);
    if (!p || p.no !== no) {
      const raw = row.getCell(7).value;
      const date = raw instanceof Date ? text(raw) : null;
      p = {
        no,
        kind: c(2) === '面上问题' ? 'general' : 'specific',
        text: c(3),
        leader: c(5),
        unit: c(6),
        deadline: date ? `${chineseDate(date)}前` : c(7),
        deadlineDate: date,
        result: c(8),
        measures: [],
      };
      list.push(p);
    }
    p.measures.push(c(4).replace(/^\d+[.．、]\s*/, ''));
  }
  return categories;
}

function measureStatuses(result: string, count: number): MeasureStatus[] {
  const phrase = parseResultPhrase(result);
  return Array.from({ length: count }, (_, i) => {
    if (!phrase) return '正在推进';
    if (phrase.kind === 'all') return phrase.status;
    return phrase.byMeasure.get(i + 1) ?? '正在推进';
  });
}

/**
 * Build the master ledger through the service API, as a person would by hand: the round of the published
 * report (市委第五巡察组 → 市司法局党组, feedback 2024-07-24, four months), its 5 categories, 22 general and
 * 41 specific problems with their leaders, lead units and deadlines, and their measures with the statuses
 * the 完成情况 column gives (第一三项完成整改…).
 */
export async function buildMasterLedger(call: Call): Promise<{ problems: number; measures: number }> {
  const categories = await readMasterLedger();
  await call('ledger.rename', { name: '市司法局巡察整改台账' });
  const info = await call('rounds.create', { title: '市委第五巡察组巡察反馈问题整改' });
  await call('rounds.update', {
    id: info.roundId!,
    fields: {
      inspectingBody: '市委第五巡察组',
      inspectedOrg: '市司法局党组',
      inspectionStart: '2024-05-07',
      inspectionEnd: '2024-06-07',
      feedbackDate: '2024-07-24',
      periodEnd: '2024-11-24',
      periodLabel: '4个月',
    },
  });
  let problems = 0;
  let measures = 0;
  for (const c of categories) {
    const category = await call('categories.create', { title: c.title });
    let generalId: number | null = null;
    for (const p of c.problems) {
      const created: { id: number } = await call('problems.create', {
        categoryId: category.id,
        kind: p.kind,
        parentId: p.kind === 'specific' ? generalId : null,
        text: p.text,
        patch: { leaders: splitLeaders(p.leader), leadUnit: p.unit || null, deadline: { raw: p.deadline } },
      });
      if (p.kind === 'general') generalId = created.id;
      problems++;
      const statuses = measureStatuses(p.result, p.measures.length);
      for (const [i, m] of p.measures.entries()) {
        const done = statuses[i] === '已完成';
        const completedDate = done ? (p.deadlineDate && p.deadlineDate < REPORT_DATE ? p.deadlineDate : REPORT_DATE) : null;
        await call('measures.add', { problemId: created.id, measure: { text: m, status: statuses[i], completedDate } });
        measures++;
      }
    }
  }
  return { problems, measures };
}
