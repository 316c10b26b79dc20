import type { HeaderFooter, PageSetup, WorksheetProperties, WorksheetView } from 'exceljs';
import type { Book } from './book';
import { sheetWriter, type SheetWriter } from './sheet';

/** 第 1 页 共 3 页, centred in the footer of every page. */
export const PAGE_FOOTER = '&C&"宋体,常规"&10第 &P 页 共 &N 页';

/** A4 = paper size 9 in SpreadsheetML. */
export const A4 = 9;

/**
 * A4 landscape, every column on one page width (as many pages down as needed), the header rows printed
 * again at the top of every page, narrow margins as offices set them, centred horizontally.
 */
export function a4Landscape(printTitleRows: [number, number] | null): Partial<PageSetup> {
  return {
    paperSize: A4,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.55, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(printTitleRows ? { printTitlesRow: `${printTitleRows[0]}:${printTitleRows[1]}` } : {}),
  };
}

export const FOOTER: Partial<HeaderFooter> = { oddFooter: PAGE_FOOTER };

/** Rows 1..n stay in view while scrolling. */
export function frozenRows(n: number): Partial<WorksheetView>[] {
  return [{ state: 'frozen', xSplit: 0, ySplit: n, topLeftCell: `A${n + 1}`, activeCell: `A${n + 1}`, zoomScale: 100 }];
}

/**
 * A worksheet for a printed table: A4 landscape, the header rows (`headerRows`, first to last) frozen on
 * screen and printed again on every page, page numbers in the footer, one width per column.
 */
export function addTableSheet(book: Book, name: string, columns: readonly { width: number }[], headerRows: [number, number], properties?: Partial<WorksheetProperties>): SheetWriter {
  const ws = book.wb.addWorksheet(name, {
    views: frozenRows(headerRows[1]),
    pageSetup: a4Landscape(headerRows),
    headerFooter: FOOTER,
    ...(properties ? { properties } : {}),
  });
  ws.columns = columns.map((c) => ({ width: c.width }));
  return sheetWriter(ws);
}
