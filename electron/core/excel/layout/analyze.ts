import type { CellIssue } from '../../../../shared/domain/issues';
import type { SheetData, WorkbookData } from '../read/types';
import { colLetter } from '../read/refs';
import { buildGrid, type Grid } from './grid';
import { applyMapping, findHeader, findLooseHeader, type HeaderInfo } from './header';
import { refineRoles } from './refine';
import { readForm, type FormInfo } from './meta';
import { readRecords, type Banner, type SheetRecord } from './records';
import { readTemplate, type TemplateInfo } from './template';
import { TEMPLATE_ID_SHEET } from '../template-format';
import type { ColumnRole } from './columns';

export type Mapping = Record<number, ColumnRole | null>;

export interface Analysis {
  sheet: string | null;
  grid: Grid | null;
  header: HeaderInfo | null;
  mappingSource: 'detected' | 'remembered' | 'edited';
  form: FormInfo;
  records: SheetRecord[];
  banners: Banner[];
  template: TemplateInfo | null;
  kind: 'ledger' | 'return';
  /** Why the file was taken for a master ledger or a return, in Chinese (for the preview). */
  kindReason?: string;
  /** Taken for a master ledger only for its codes, into an empty ledger. */
  kindByCodesOnly?: boolean;
  errors: CellIssue[];
  warnings: CellIssue[];
}

export interface AnalyzeOptions {
  kind?: 'ledger' | 'return';
  /** The person's corrections for this file. */
  mapping?: Mapping;
  /** A correction remembered for this unit and header layout, if any. */
  remembered?(unit: string | null, signature: string): Mapping | null;
}

const emptyForm: FormInfo = { title: null, unit: null, unitFrom: null, date: null, dateError: null };

/**
 * Understand a workbook: which sheet holds the table, where its header is, what each column means,
 * the 填报 rows above it, and the records below. Knows nothing of the ledger.
 */
export function analyzeWorkbook(workbook: WorkbookData, options: AnalyzeOptions = {}): Analysis {
  const errors: CellIssue[] = [];
  const warnings: CellIssue[] = [];
  for (const n of workbook.notes) {
    warnings.push({ sheet: n.sheet, row: n.row, column: n.column ? colLetter(n.column) : null, code: n.code, message: n.message });
  }
  const templateRead = readTemplate(workbook.sheets);
  let template: TemplateInfo | null = null;
  if (templateRead && 'unsupported' in templateRead) {
    warnings.push({ sheet: TEMPLATE_ID_SHEET, row: 1, column: 'B', code: 'TEMPLATE_VERSION', message: `回执模板的版本“${templateRead.unsupported}”不受支持，按普通回执读取。` });
  } else if (templateRead) template = templateRead.template;

  const candidates = workbook.sheets.filter((s) => s.state === 'visible' && s.name !== TEMPLATE_ID_SHEET);
  const ordered = [...candidates, ...workbook.sheets.filter((s) => s.state !== 'visible' && s.name !== TEMPLATE_ID_SHEET)];
  type Found = { grid: Grid; header: HeaderInfo; notes: { col: number; message: string }[] };
  let chosen: Found | null = null;
  let keyless: Found | null = null;
  const contentNotes: { sheet: string; row: number; col: number; message: string }[] = [];
  const understand = (grid: Grid, found: HeaderInfo): Found => {
    const refined = refineRoles(grid, found);
    return { grid, header: refined.header, notes: refined.notes };
  };
  let loose: Found | null = null;
  for (const sheet of ordered) {
    if (cellCount(sheet) === 0) continue;
    const grid = buildGrid(sheet);
    const found = findHeader(grid);
    if (!found) {
      const l = findLooseHeader(grid);
      if (l && !loose) loose = understand(grid, l);
      continue;
    }
    const u = understand(grid, found);
    if (hasKey(u.header)) {
      chosen = u;
      break;
    }
    keyless ??= u;
  }
  if (!chosen && !keyless && loose) {
    if (hasKey(loose.header)) chosen = loose;
    else keyless = loose;
  }
  const picked = chosen ?? keyless;
  for (const n of picked?.notes ?? []) contentNotes.push({ sheet: picked!.grid.sheet, row: picked!.header.bottom, col: n.col, message: n.message });
  const firstSheet = ordered[0]?.name ?? '';
  const base = { template, errors, warnings, records: [] as SheetRecord[], banners: [] as Banner[], kind: options.kind ?? ('return' as const) };

  if (!chosen && keyless && !options.mapping) {
    const found = keyless.header.columns.filter((c) => c.role).map((c) => c.label);
    errors.push({
      sheet: keyless.grid.sheet,
      row: keyless.header.bottom,
      column: null,
      code: 'NO_KEY_COLUMNS',
      message: `找不到用于识别问题的列：表头中既没有“编号/序号”列，也没有“问题/具体问题/问题表现”列（识别到的列：${found.join('、') || '无'}）。请在表中补上编号或问题内容列，或在预览中指定各列的含义。`,
    });
    return { ...base, sheet: keyless.grid.sheet, grid: keyless.grid, header: keyless.header, mappingSource: 'detected', form: readForm(keyless.grid, keyless.header.top) };
  }
  chosen ??= keyless;
  if (!chosen) {
    errors.push({
      sheet: firstSheet,
      row: null,
      column: null,
      code: 'NO_HEADER',
      message:
        workbook.sheets.every((s) => cellCount(s) === 0)
          ? '工作簿中没有任何内容。'
          : '找不到表头：前 40 行中没有一行同时写有“编号/问题/整改措施/整改时限/整改进展/完成状态”等列名中的两个以上。请确认选择了台账或回执文件，表头在数据上方。',
    });
    return { ...base, sheet: firstSheet || null, grid: null, header: null, mappingSource: 'detected', form: emptyForm };
  }

  const { grid } = chosen;
  const form = readForm(grid, chosen.header.top);
  let header = chosen.header;
  let mappingSource: Analysis['mappingSource'] = 'detected';
  if (options.mapping && Object.keys(options.mapping).length) {
    header = applyMapping(header, options.mapping);
    mappingSource = 'edited';
  } else {
    const remembered = options.remembered?.(template?.unit ?? form.unit, header.signature);
    if (remembered) {
      header = applyMapping(header, remembered);
      mappingSource = 'remembered';
    }
  }
  if (form.dateError) {
    errors.push({ sheet: grid.sheet, row: form.dateError.row, column: colLetter(form.dateError.col), code: 'BAD_REPORT_DATE', message: `${form.dateError.message}。请改为如 2024年11月15日 的日期。` });
  }
  if (mappingSource === 'detected') {
    for (const n of contentNotes) warnings.push({ sheet: n.sheet, row: n.row, column: colLetter(n.col), code: 'COLUMN_BY_CONTENT', message: n.message });
  }
  if (!hasKey(header)) {
    errors.push({ sheet: grid.sheet, row: header.bottom, column: null, code: 'NO_KEY_COLUMNS', message: '没有指定“编号”或“问题内容”列，无法识别每行对应的问题。' });
    return { ...base, sheet: grid.sheet, grid, header, mappingSource, form };
  }
  for (const c of header.columns) {
    if (!c.role && c.label) {
      warnings.push({ sheet: grid.sheet, row: header.bottom, column: colLetter(c.col), code: 'COLUMN_IGNORED', message: `列“${c.label}”未识别或与其他列重复，导入时忽略。如需导入，请在预览中指定它的含义。` });
    }
  }
  const { records, banners } = readRecords(grid, header);
  const looksLikeLedger = banners.length > 0 || header.roles.kind !== undefined || header.roles.category !== undefined || header.roles.generalText !== undefined;
  const kind = options.kind ?? (template ? 'return' : looksLikeLedger ? 'ledger' : 'return');
  if (records.length === 0) {
    errors.push({ sheet: grid.sheet, row: header.bottom, column: null, code: 'NO_ROWS', message: '表头下方没有数据行。' });
  }
  return { sheet: grid.sheet, grid, header, mappingSource, form, records, banners, template, kind, errors, warnings };
}

/** Whether a header names a column that identifies the problem of each row. */
export function hasKey(header: HeaderInfo): boolean {
  const r = header.roles;
  return r.text !== undefined || r.code !== undefined || r.generalText !== undefined || r.specificText !== undefined;
}

/** Cells of a sheet, without making the entry list of a compact one. */
function cellCount(sheet: SheetData): number {
  return sheet.compact?.count ?? sheet.cells.length;
}
