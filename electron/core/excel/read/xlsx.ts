import { ReadError } from './errors';
import { LIMITS } from './limits';
import { checkBudget, listEntries, readEntry, streamEntry, type ZipEntry } from './zip';
import { decodeXml, xmlStream, type XmlHandlers } from './xml';
import { textChunks } from './decode';
import { sharedStringsStream, type SharedStrings } from './strings';
import { parseDateStyles } from './styles';
import { dirOf, parseCoreModified, parseRels, parseWorkbook } from './workbook';
import { sheetStream } from './sheet';
import { assembleWorkbook, collectSheet, type SheetCollector, type SheetEnd } from './collect';
import type { CellBatch, ReadNote, SheetState, WorkbookData } from './types';

const MAX_NOTES = 200;

/** A workbook read as a stream: everything but the cells, which went to `onCells` as they were read. */
export interface StreamedWorkbook {
  format: 'xlsx';
  modified: string | null;
  notes: ReadNote[];
  sheets: SheetEnd[];
}

/** Sizes of the stream and the entry budget; tests make them small to reach their edges with small files. */
export interface ReadTuning {
  /** Bytes per chunk handed from the inflater to the decoder (zip.ts CHUNK_BYTES). */
  chunk?: number;
  /** Parts up to this size are inflated whole (zip.ts WHOLE_INFLATE_BYTES). */
  wholeBelow?: number;
  /** LIMITS.maxEntries. */
  maxEntries?: number;
}

/** Read an .xlsx (Excel or WPS) into sparse sheets, in this thread. Throws ReadError with a Chinese message. */
export function readXlsx(bytes: Uint8Array, tuning: ReadTuning = {}): WorkbookData {
  const collectors: SheetCollector[] = [];
  const read = readXlsxStream(bytes, (sheet, batch) => (collectors[sheet] ??= collectSheet()).add(batch), tuning);
  return assembleWorkbook(read, collectors);
}

/**
 * Read an .xlsx part by part, each XML part inflated, decoded and parsed as a stream; the cells of each
 * sheet are handed to `onCells` in batches as they are read.
 */
export function readXlsxStream(bytes: Uint8Array, onCells: (sheet: number, batch: CellBatch) => void, tuning: ReadTuning = {}): StreamedWorkbook {
  const entries = listEntries(bytes);
  const find = (path: string): ZipEntry | undefined => entries.get(path) ?? caseInsensitive(entries, path);
  const text = (e: ZipEntry) => decodeXml(readEntry(bytes, e), e.name);
  const parsePart = (e: ZipEntry, label: string, handlers: XmlHandlers) => {
    const decoder = textChunks(e.name);
    const xml = xmlStream(label, handlers);
    streamEntry(
      bytes,
      e,
      (chunk) => {
        const t = decoder.write(chunk);
        if (t) xml.write(t);
      },
      tuning,
    );
    const rest = decoder.end();
    if (rest) xml.write(rest);
    xml.close();
  };

  if (!find('[Content_Types].xml') && !find('_rels/.rels')) {
    if (find('mimetype') || find('content.xml')) {
      throw new ReadError('ODS', '这是 OpenDocument 表格（.ods），不是 .xlsx。请用 WPS 或 Excel 打开后另存为 .xlsx 再导入。');
    }
    throw new ReadError('NOT_XLSX', '这个压缩包不是 Excel 工作簿（.xlsx）。请确认选择了正确的文件。');
  }

  const rootRels = find('_rels/.rels');
  let workbookPath = 'xl/workbook.xml';
  if (rootRels) {
    checkBudget([rootRels]);
    for (const rel of parseRels(text(rootRels), '').values()) {
      if (/officeDocument$/.test(rel.type)) workbookPath = rel.target;
    }
  }
  // Other Office documents are zips of the same kind: say what the file is (as for a .doc or a picture).
  if (/^word\//i.test(workbookPath) || find('word/document.xml')) {
    throw new ReadError('NOT_XLSX', '这是 Word 文档（.docx），只是扩展名为 .xlsx，不是表格。台账和回执请导入 Excel 工作簿（.xlsx）；进展情况公布请按 .docx 导入。');
  }
  if (/^ppt\//i.test(workbookPath) || find('ppt/presentation.xml')) {
    throw new ReadError('NOT_XLSX', '这是 PowerPoint 演示文稿（.pptx），只是扩展名为 .xlsx，不是表格。请选择 Excel 工作簿（.xlsx）。');
  }
  const workbookEntry = find(workbookPath);
  if (!workbookEntry) {
    if (find('xl/workbook.bin')) {
      throw new ReadError('XLSB', '这是 Excel 二进制工作簿（.xlsb），无法直接读取。请用 Excel 打开后另存为 .xlsx 再导入。');
    }
    throw new ReadError('NOT_XLSX', '这个压缩包不是 Excel 工作簿（.xlsx）：缺少工作簿部件。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。');
  }
  const baseDir = dirOf(workbookPath);
  const relsEntry = find(`${baseDir}/_rels/${workbookPath.slice(baseDir.length + 1)}.rels`);
  checkBudget([workbookEntry, ...(relsEntry ? [relsEntry] : [])]);
  const rels = relsEntry ? parseRels(text(relsEntry), baseDir) : new Map<string, { target: string; type: string }>();
  const info = parseWorkbook(text(workbookEntry), rels);
  if (info.sheets.length === 0) throw new ReadError('NO_SHEETS', '工作簿中没有工作表。');
  if (info.sheets.length > LIMITS.maxSheets) throw new ReadError('TOO_MANY_SHEETS', `工作簿中的工作表超过 ${LIMITS.maxSheets} 个。`);

  let stringsEntry: ZipEntry | undefined;
  let stylesEntry: ZipEntry | undefined;
  for (const rel of rels.values()) {
    if (/\/sharedStrings$/.test(rel.type)) stringsEntry = find(rel.target);
    else if (/\/styles$/.test(rel.type)) stylesEntry = find(rel.target);
  }
  stringsEntry ??= find(`${baseDir}/sharedStrings.xml`);
  stylesEntry ??= find(`${baseDir}/styles.xml`);
  const coreEntry = find('docProps/core.xml');
  const sheetEntries = info.sheets.map((s) => find(s.path));
  const parts = [stringsEntry, stylesEntry, coreEntry, ...sheetEntries].filter((e): e is ZipEntry => !!e);
  // Every part that will be read is checked before the first is inflated.
  checkBudget(parts);

  let strings: SharedStrings = { values: [], truncated: new Set() };
  if (stringsEntry) {
    const table = sharedStringsStream();
    parsePart(stringsEntry, 'sharedStrings.xml', table.handlers);
    strings = table.strings;
  }
  const dateStyles = stylesEntry ? parseDateStyles(text(stylesEntry)) : [];
  let modified: string | null = null;
  if (coreEntry) {
    try {
      modified = parseCoreModified(text(coreEntry));
    } catch {
      modified = null; // document properties are a nicety; a broken one does not stop the import
    }
  }

  const notes: ReadNote[] = [];
  const budget = { entries: 0, max: tuning.maxEntries ?? LIMITS.maxEntries };
  const sheets = info.sheets.map((ref, i) => {
    const entry = sheetEntries[i];
    if (!entry) return { name: ref.name, state: ref.state, sorted: true, merges: new Int32Array(0) };
    const sheet = sheetStream({ sheetName: ref.name, strings, dateStyles, date1904: info.date1904, budget, notes }, (batch) => onCells(i, batch));
    parsePart(entry, ref.name, sheet.handlers);
    const { sorted, merges } = sheet.finish();
    return { name: ref.name, state: ref.state, sorted, merges: merges.packed() };
  });
  if (notes.length > MAX_NOTES) {
    const more = notes.length - MAX_NOTES;
    notes.length = MAX_NOTES;
    notes.push({ sheet: '', row: null, column: null, code: 'MORE_NOTES', message: `另有 ${more} 条类似提示未列出。` });
  }
  return { format: 'xlsx', sheets, modified, notes };
}

function caseInsensitive(entries: Map<string, ZipEntry>, path: string): ZipEntry | undefined {
  const lower = path.toLowerCase();
  for (const [name, e] of entries) if (name.toLowerCase() === lower) return e;
  return undefined;
}
