import { todayIso } from '../../../../shared/domain/dates';
import { parseXml } from './xml';
import type { SheetState } from './types';

export interface SheetRef {
  name: string;
  state: SheetState;
  /** Path of the worksheet part inside the zip. */
  path: string;
}

export interface WorkbookInfo {
  date1904: boolean;
  sheets: SheetRef[];
}

/** Relationships of a part: id → absolute target path inside the zip (type kept to skip chartsheets). */
export function parseRels(xml: string, baseDir: string): Map<string, { target: string; type: string }> {
  const out = new Map<string, { target: string; type: string }>();
  parseXml('rels', xml, {
    open(name, a) {
      if (name !== 'Relationship' || !a.Id || !a.Target || a.TargetMode === 'External') return;
      out.set(a.Id, { target: resolvePath(baseDir, a.Target), type: a.Type ?? '' });
    },
  });
  return out;
}

export function resolvePath(baseDir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : `${baseDir}/${target}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out.join('/');
}

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function parseWorkbook(xml: string, rels: Map<string, { target: string; type: string }>): WorkbookInfo {
  let date1904 = false;
  const sheets: SheetRef[] = [];
  parseXml('workbook.xml', xml, {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      else if (name === 'sheet') {
        const rid = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
        const rel = rid ? rels.get(rid) : undefined;
        if (!rel || /chartsheet|dialogsheet|macrosheet/i.test(rel.type)) return;
        const state: SheetState = a.state === 'hidden' ? 'hidden' : a.state === 'veryHidden' ? 'veryHidden' : 'visible';
        sheets.push({ name: a.name ?? `Sheet${sheets.length + 1}`, state, path: rel.target });
      }
    },
  });
  return { date1904, sheets };
}

/** docProps/core.xml: the date the file was last saved, as an ISO date. */
export function parseCoreModified(xml: string): string | null {
  let inModified = false;
  let value = '';
  parseXml('core.xml', xml, {
    open(name) {
      inModified = name === 'modified';
    },
    close() {
      inModified = false;
    },
    text(t) {
      if (inModified) value += t;
    },
  });
  const t = new Date(value.trim());
  // The stamp is UTC; the person means their own calendar day (the office's clock).
  return Number.isNaN(t.getTime()) ? null : todayIso(t);
}
