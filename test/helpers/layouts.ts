import { buildXlsx, esc, ref, str } from '../fixtures/import/build';
import { toChineseNumeral } from '../../shared/domain/numerals';
import { formatResultPhrase } from '../../shared/domain/resultPhrase';
import type { MeasureStatus } from '../../shared/domain/status';
import type { ColumnRole } from '../../shared/api/import';

/**
 * A generator of ledger layouts as offices keep them (DOMAIN §6, issue 10), built from the content of the
 * master ledger fixture (which is the published report's content): the same problems, measures, leaders,
 * units, deadlines and per-measure statuses, written in many shapes. Every layout holds the whole
 * structure, so importing any of them as a master ledger must give the same ledger.
 */

export interface SourceMeasure {
  text: string;
  status: MeasureStatus;
}
export interface SourceProblem {
  code: string;
  kind: 'general' | 'specific';
  text: string;
  leaders: string[];
  leadUnit: string | null;
  units: string[];
  deadline: string;
  measures: SourceMeasure[];
}
export interface SourceCategory {
  no: number;
  title: string;
  /** General problems, each followed by its specific ones, in code order. */
  problems: SourceProblem[];
}

/** The source ledger from `list --json` of an imported master ledger. */
export function sourceFromList(
  list: { code: string; kind: string; category: string; text: string; leaders: string[]; leadUnit: string | null; units: string[]; deadline: { raw: string }; measures: { text: string; status: string }[] }[],
): SourceCategory[] {
  const cats = new Map<number, SourceCategory>();
  for (const p of list) {
    const no = Number(p.code.split('-')[0]);
    if (!cats.has(no)) cats.set(no, { no, title: p.category, problems: [] });
    cats.get(no)!.problems.push({
      code: p.code,
      kind: p.kind as SourceProblem['kind'],
      text: p.text,
      leaders: p.leaders,
      leadUnit: p.leadUnit,
      units: p.units,
      deadline: p.deadline.raw,
      measures: p.measures.map((m) => ({ text: m.text, status: m.status as MeasureStatus })),
    });
  }
  return [...cats.values()].sort((a, b) => a.no - b.no);
}

/** The dimensions a layout varies along. */
export interface LayoutSpec {
  /** Where the category is: banner rows （一）… across the sheet, or a column. */
  category: 'banner' | 'column';
  /** How the problem is numbered: 2-3-2, 2.3.2, 二（三）2, or a running 序号 (not a code), or no number at all. */
  code: 'dash' | 'dotted' | 'chinese' | 'running' | 'none';
  /** How general and specific are told apart: a 问题类型 column, the code's depth, or two text columns. */
  kind: 'column' | 'code' | 'split';
  /** Measures one per row, or all in one cell (1.… lines, or 一是…二是…). */
  measures: 'rows' | 'cell' | 'cellOrdinal';
  /** With one row per measure: the problem's cells merged down, or repeated on every row. */
  problemCells: 'merged' | 'repeated';
  /** A status per measure row (任务状态), or the problem's result phrase (第一三项完成整改;…). */
  status: 'perMeasure' | 'phrase';
  /** Header words: the usual ones, their synonyms, or meaningless 列1…列N. */
  headers: 'standard' | 'synonyms' | 'unknown';
  /** Extra columns a system export carries (原因分析, 举一反三情况, 整改周期, 责任人). */
  extras: boolean;
  /** Columns in the usual order, or shuffled by this seed (0: not shuffled). */
  shuffle: number;
  /** One header row, or two (a group heading 整改情况 over the measure columns). */
  headerRows: 1 | 2;
  /** Title and 填报 rows above the header. */
  preamble: boolean;
  /** A measure number column (1.2.3.4 for measure 4 of problem 1-2-3) with one row per measure. */
  measureNo: boolean;
}

type Field =
  | 'seq'
  | 'code'
  | 'category'
  | 'kind'
  | 'text'
  | 'generalText'
  | 'specificText'
  | 'measureNo'
  | 'measures'
  | 'measureStatus'
  | 'leaders'
  | 'leadUnit'
  | 'deadline'
  | 'status'
  | 'reason'
  | 'lessons'
  | 'cycle'
  | 'person'
  | 'notes';

/** The role a person would give each field's column in the preview (for the unknown-header layouts). */
export const FIELD_ROLE: Record<Field, ColumnRole | null> = {
  seq: 'code',
  code: 'code',
  category: 'category',
  kind: 'kind',
  text: 'text',
  generalText: 'generalText',
  specificText: 'specificText',
  measureNo: 'measureNo',
  measures: 'measures',
  measureStatus: 'measureStatus',
  leaders: 'leaders',
  leadUnit: 'leadUnit',
  deadline: 'deadline',
  status: 'status',
  reason: 'reason',
  lessons: 'extra',
  cycle: 'extra',
  person: 'person',
  notes: 'notes',
};

const STANDARD: Record<Field, string> = {
  seq: '序号',
  code: '编号',
  category: '问题类别',
  kind: '问题类型',
  text: '问题表现',
  generalText: '面上问题',
  specificText: '具体问题',
  measureNo: '措施序号',
  measures: '整改措施',
  measureStatus: '任务状态',
  leaders: '责任领导',
  leadUnit: '牵头单位',
  deadline: '整改时限',
  status: '完成情况',
  reason: '原因分析',
  lessons: '举一反三情况',
  cycle: '整改周期',
  person: '责任人',
  notes: '备注',
};

const SYNONYMS: Record<Field, string> = {
  seq: '序号',
  code: '问题编号',
  category: '主要方面',
  kind: '问题层级',
  text: '发现的问题',
  generalText: '面上问题内容',
  specificText: '问题的具体内容',
  measureNo: '措施编号',
  measures: '整改措施具体内容',
  measureStatus: '完成情况',
  leaders: '牵头领导',
  leadUnit: '责任部门',
  deadline: '预计完成时间',
  status: '是否整改到位',
  reason: '原因分析',
  lessons: '举一反三情况',
  cycle: '整改周期',
  person: '责任人',
  notes: '备注',
};

/** Status words, varied per row as departments write them (DOMAIN §3). */
const SPELL: Record<MeasureStatus, string[]> = {
  已完成: ['已完成', '完成整改', '已整改', '是', '完成'],
  正在推进: ['正在推进', '推进中', '正在整改', '否', '持续推进'],
  未启动: ['未启动', '未开始'],
  长期坚持: ['长期坚持'],
  未注明: ['未注明'],
};

function codeText(style: LayoutSpec['code'], code: string): string {
  const [c, g, s] = code.split('-').map(Number) as [number, number, number | undefined];
  switch (style) {
    case 'dash':
      return code;
    case 'dotted':
      return s ? `${c}.${g}.${s}` : `${c}.${g}`;
    case 'chinese':
      return `${toChineseNumeral(c)}（${toChineseNumeral(g)}）${s ?? ''}`;
    default:
      return '';
  }
}

function fieldsOf(spec: LayoutSpec): Field[] {
  const f: Field[] = [];
  if (spec.code === 'running') f.push('seq');
  else if (spec.code !== 'none') f.push('code');
  if (spec.category === 'column') f.push('category');
  if (spec.kind === 'column') f.push('kind');
  if (spec.kind === 'split') f.push('generalText', 'specificText');
  else f.push('text');
  if (spec.measureNo && spec.measures === 'rows') f.push('measureNo');
  f.push('measures');
  if (spec.status === 'perMeasure' && spec.measures === 'rows') f.push('measureStatus');
  f.push('leaders', 'leadUnit', 'deadline');
  if (!(spec.status === 'perMeasure' && spec.measures === 'rows')) f.push('status');
  if (spec.extras) f.push('reason', 'lessons', 'cycle', 'person');
  f.push('notes');
  return f;
}

function shuffled<T>(xs: T[], seed: number): T[] {
  if (!seed) return xs;
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface GeneratedLayout {
  name: string;
  spec: LayoutSpec;
  bytes: Uint8Array;
  /** Column index (1-based) → the role a person would give it: the manual mapping. */
  mapping: Record<number, ColumnRole | null>;
  /** Extra values written per problem code (原因分析 …), to check they are kept. */
  extras: Map<string, Record<string, string>>;
}

/** One layout of the source ledger as an .xlsx workbook. */
export function generateLayout(source: SourceCategory[], spec: LayoutSpec, name = describe(spec)): GeneratedLayout {
  const fields = shuffled(fieldsOf(spec), spec.shuffle);
  // Keep the problem's identifying columns to the left of the measure columns when not shuffled.
  const labels = spec.headers === 'unknown' ? fields.map((_, i) => `列${i + 1}`) : fields.map((f) => (spec.headers === 'synonyms' ? SYNONYMS : STANDARD)[f]);
  const colOf = new Map(fields.map((f, i) => [f, i + 1]));
  const width = fields.length;
  const cells: string[][] = [];
  const rowCells = new Map<number, string[]>();
  const merges: string[] = [];
  const put = (r: number, c: number, text: string) => {
    if (!text) return;
    let list = rowCells.get(r);
    if (!list) rowCells.set(r, (list = []));
    list.push(str(r, c, text));
  };
  let r = 1;
  if (spec.preamble) {
    put(r, 1, '市司法局党组巡察反馈问题整改台账');
    merges.push(`${ref(r, 1)}:${ref(r, width)}`);
    r++;
    put(r, 1, '填报单位：局办公室    填报时间：2024年8月20日');
    merges.push(`${ref(r, 1)}:${ref(r, width)}`);
    r++;
  }
  if (spec.headerRows === 2) {
    // A group heading 整改情况 merged over the columns right of the problem text (when they are adjacent).
    const groupCols = fields.map((f, i) => ({ f, c: i + 1 })).filter(({ f }) => ['measures', 'measureStatus', 'leaders', 'leadUnit', 'deadline', 'status', 'measureNo'].includes(f));
    const cols = groupCols.map((g) => g.c).sort((a, b) => a - b);
    for (let i = 0; i < fields.length; i++) {
      const c = i + 1;
      if (!cols.includes(c)) {
        put(r, c, labels[i]!);
        merges.push(`${ref(r, c)}:${ref(r + 1, c)}`);
      }
    }
    // Runs of consecutive group columns share one heading.
    let start = 0;
    while (start < cols.length) {
      let end = start;
      while (end + 1 < cols.length && cols[end + 1] === cols[end]! + 1) end++;
      put(r, cols[start]!, spec.headers === 'unknown' ? '' : '整改情况');
      if (end > start && spec.headers !== 'unknown') merges.push(`${ref(r, cols[start]!)}:${ref(r, cols[end]!)}`);
      for (let k = start; k <= end; k++) put(r + 1, cols[k]!, labels[cols[k]! - 1]!);
      start = end + 1;
    }
    r += 2;
  } else {
    fields.forEach((_, i) => put(r, i + 1, labels[i]!));
    r++;
  }

  const extras = new Map<string, Record<string, string>>();
  let seq = 0;
  let rowSeq = 0;
  for (const cat of source) {
    if (spec.category === 'banner') {
      put(r, 1, `（${toChineseNumeral(cat.no)}）${cat.title}`);
      merges.push(`${ref(r, 1)}:${ref(r, width)}`);
      r++;
    }
    let general: SourceProblem | null = null;
    for (const p of cat.problems) {
      if (p.kind === 'general') general = p;
      seq++;
      const n = p.measures.length;
      const perRow = spec.measures === 'rows' && n > 0;
      const rows = perRow ? n : 1;
      const statuses = p.measures.map((m) => m.status);
      const problemValues: Partial<Record<Field, string>> = {
        seq: String(seq),
        code: codeText(spec.code, p.code),
        category: cat.title,
        kind: p.kind === 'general' ? '面上问题' : '具体问题',
        text: p.text,
        generalText: p.kind === 'general' ? p.text : general!.text,
        specificText: p.kind === 'specific' ? p.text : '',
        leaders: p.leaders.join('、'),
        leadUnit: [p.leadUnit ?? '', ...p.units].filter(Boolean).join('、'),
        deadline: p.deadline,
        status: statuses.length ? formatResultPhrase(statuses) : '',
      };
      if (spec.extras) {
        const e = { 原因分析: `${p.code}原因：思想认识不到位`, 举一反三情况: `${p.code}举一反三：已排查同类问题`, 整改周期: p.kind === 'general' ? '长期' : '短期', 责任人: '' };
        problemValues.reason = e.原因分析;
        problemValues.lessons = e.举一反三情况;
        problemValues.cycle = e.整改周期;
        extras.set(p.code, e);
      }
      const measureCell =
        spec.measures === 'cellOrdinal' ? p.measures.map((m, i) => `${toChineseNumeral(i + 1)}是${m.text}`).join('') : p.measures.map((m, i) => `${i + 1}.${m.text}`).join('\n');
      for (let k = 0; k < rows; k++) {
        rowSeq++;
        const rowR = r + k;
        for (const f of fields) {
          const c = colOf.get(f)!;
          let v: string | undefined;
          if (f === 'measures') v = perRow ? p.measures[k]!.text : measureCell;
          else if (f === 'measureNo') v = perRow ? `${codeText('dotted', p.code)}.${k + 1}` : '';
          else if (f === 'measureStatus') v = perRow ? SPELL[p.measures[k]!.status][(rowSeq + k) % SPELL[p.measures[k]!.status].length]! : '';
          else if (f === 'notes') v = '';
          else v = problemValues[f] ?? '';
          const isProblemField = !['measures', 'measureNo', 'measureStatus'].includes(f);
          if (isProblemField && k > 0 && spec.problemCells === 'merged') continue;
          if (f === 'seq' && spec.problemCells === 'repeated' && spec.measures === 'rows') v = String(seq);
          put(rowR, c, v);
        }
      }
      if (perRow && rows > 1 && spec.problemCells === 'merged') {
        for (const f of fields) {
          if (['measures', 'measureNo', 'measureStatus'].includes(f)) continue;
          const c = colOf.get(f)!;
          if (problemValues[f as keyof typeof problemValues]) merges.push(`${ref(r, c)}:${ref(r + rows - 1, c)}`);
        }
      }
      r += rows;
    }
  }
  put(r + 1, 1, '填表人：张三    联系电话：12345678');
  const body = [...rowCells.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([rr, list]) => `<row r="${rr}">${list.sort((x, y) => colIndex(x) - colIndex(y)).join('')}</row>`)
    .join('');
  void cells;
  void esc;
  const bytes = buildXlsx({ sheets: [{ name: '台账', rows: body, merges }] });
  const mapping: Record<number, ColumnRole | null> = {};
  fields.forEach((f, i) => (mapping[i + 1] = FIELD_ROLE[f]));
  return { name, spec, bytes, mapping, extras };
}

function colIndex(cellXml: string): number {
  const m = cellXml.match(/r="([A-Z]+)\d+"/)!;
  let n = 0;
  for (const ch of m[1]!) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function describe(spec: LayoutSpec): string {
  return [
    spec.category === 'banner' ? '类别标题行' : '类别列',
    { dash: '编号2-3-2', dotted: '编号2.3.2', chinese: '编号二（三）2', running: '序号1…N', none: '无编号' }[spec.code],
    { column: '问题类型列', code: '按编号分层', split: '面上/具体两列' }[spec.kind],
    { rows: '每项措施一行', cell: '措施在一格（1.…）', cellOrdinal: '措施在一格（一是…）' }[spec.measures],
    spec.measures === 'rows' ? (spec.problemCells === 'merged' ? '问题单元格合并' : '问题单元格重复') : '',
    spec.status === 'perMeasure' && spec.measures === 'rows' ? '每项措施一个状态' : '完成情况短语',
    { standard: '常用表头', synonyms: '同义表头', unknown: '无意义表头（列1…）' }[spec.headers],
    spec.extras ? '附加列' : '',
    spec.shuffle ? '列序打乱' : '',
    spec.headerRows === 2 ? '两行表头' : '',
    spec.preamble ? '标题和填报行' : '',
    spec.measureNo && spec.measures === 'rows' ? '措施编号1.2.3.4' : '',
  ]
    .filter(Boolean)
    .join('，');
}

const BASE: LayoutSpec = {
  category: 'banner',
  code: 'none',
  kind: 'column',
  measures: 'rows',
  problemCells: 'merged',
  status: 'phrase',
  headers: 'standard',
  extras: false,
  shuffle: 0,
  headerRows: 1,
  preamble: true,
  measureNo: false,
};

/** The named real-world variations the issue lists (at least 12), each a layout offices send. */
export const NAMED_LAYOUTS: Record<string, LayoutSpec> = {
  flat: { ...BASE, category: 'column', code: 'running', kind: 'column', measures: 'cell', preamble: false },
  systemExport: { ...BASE, category: 'column', code: 'dotted', kind: 'split', measures: 'rows', problemCells: 'repeated', status: 'perMeasure', headers: 'synonyms', extras: true, preamble: false, measureNo: true },
  perMeasureRows: { ...BASE, code: 'dash', kind: 'code', measures: 'rows', problemCells: 'repeated', status: 'perMeasure' },
  splitText: { ...BASE, kind: 'split', code: 'none', measures: 'cell' },
  dottedCodes: { ...BASE, code: 'dotted', kind: 'code', category: 'column', measures: 'cell' },
  chineseCodes: { ...BASE, code: 'chinese', kind: 'code', measures: 'rows', problemCells: 'merged' },
  repeatedCells: { ...BASE, code: 'running', kind: 'column', measures: 'rows', problemCells: 'repeated' },
  mergedCells: { ...BASE, code: 'running', kind: 'column', measures: 'rows', problemCells: 'merged', headerRows: 2 },
  oneCellOrdinal: { ...BASE, code: 'dash', kind: 'code', measures: 'cellOrdinal' },
  unknownHeaders: { ...BASE, headers: 'unknown', code: 'dash', kind: 'code', measures: 'cell', preamble: false },
  extraColumns: { ...BASE, extras: true, code: 'dash', kind: 'column', measures: 'rows', status: 'perMeasure' },
  oddOrder: { ...BASE, shuffle: 7, code: 'dash', kind: 'column', category: 'column', measures: 'cell' },
  twoHeaderRows: { ...BASE, headerRows: 2, code: 'running', kind: 'column', measures: 'rows', problemCells: 'merged' },
};

/** Whether a combination is a layout that holds the whole structure (and so must import as the master). */
export function isComplete(spec: LayoutSpec): boolean {
  if (spec.kind === 'code' && (spec.code === 'running' || spec.code === 'none')) return false;
  return true;
}
