import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { SaxesParser } from 'saxes';
import { LedgerError } from '../errors';

/** document.xml of a long report is a few MB; anything near this is a zip bomb or not a report. */
const MAX_DOCUMENT_XML = 64 * 1024 * 1024;
const MAX_DOCX_BYTES = 100 * 1024 * 1024;

function notDocx(name: string, why: string): LedgerError {
  return new LedgerError(
    'REPORT_NOT_DOCX',
    `“${name}”不是可读的 Word 文档（${why}）。如果是 .doc 或 .wps 格式，请用 Word 或 WPS 打开后“另存为” .docx 再导入。`,
  );
}

/**
 * The bytes of word/document.xml, inflated with a hard size limit: the sizes a zip declares are not
 * trusted, the inflated bytes are counted as they come.
 */
export function documentXml(name: string, bytes: Uint8Array): Uint8Array {
  if (bytes.length > MAX_DOCX_BYTES) throw notDocx(name, `文件有 ${(bytes.length / 1048576).toFixed(0)} MB，过大`);
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
      throw notDocx(name, '这是旧版 .doc 或加密的文档');
    }
    throw notDocx(name, '文件不是 .docx 格式');
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  let found = false;
  let failure: LedgerError | null = null;
  const unzip = new Unzip((file: UnzipFile) => {
    if (file.name !== 'word/document.xml' || found) return;
    found = true;
    file.ondata = (err, data) => {
      if (failure) return;
      if (err) {
        failure = notDocx(name, '压缩数据已损坏');
        return;
      }
      size += data.length;
      if (size > MAX_DOCUMENT_XML) {
        failure = notDocx(name, '正文解压后过大');
        file.terminate();
        return;
      }
      chunks.push(data);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(bytes, true);
  } catch {
    throw notDocx(name, '压缩数据已损坏');
  }
  if (failure) throw failure;
  if (!found) throw notDocx(name, '缺少正文 word/document.xml');
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** A paragraph of a .docx with what its formatting says about it (for the outline of the report). */
export interface DocxParagraph {
  text: string;
  /** Every run with visible text is bold. */
  bold: boolean;
  /** A heading style (标题 1, Heading2, the numbered style ids of Chinese Word) or an outline level, from 1. */
  heading?: number;
  /** Automatic numbering (w:numPr): its list and level; the number itself is not in the text. */
  list?: { id: string; level: number };
}

/**
 * The paragraphs of a .docx body, in order: runs joined, tabs kept, line breaks inside a paragraph as
 * newlines, deleted revisions and the fallback copies of text boxes left out. A paragraph nested in a
 * text box comes out as its own paragraph, before the one that holds it.
 */
export function docxParagraphs(name: string, bytes: Uint8Array): string[] {
  return docxParagraphsWithStyle(name, bytes).map((p) => p.text);
}

interface OpenParagraph extends DocxParagraph {
  runs: number;
  boldRuns: number;
  numId?: string;
  ilvl?: number;
}

const on = (v: unknown) => v == null || !/^(0|false|off|none)$/i.test(String(v));

export function docxParagraphsWithStyle(name: string, bytes: Uint8Array): DocxParagraph[] {
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(documentXml(name, bytes));
  } catch (e) {
    if (e instanceof LedgerError) throw e;
    throw notDocx(name, '正文编码无效');
  }
  const out: DocxParagraph[] = [];
  // Paragraphs being read; more than one when a text box sits inside a paragraph.
  const open: OpenParagraph[] = [];
  let inText = false;
  let runDepth = 0;
  let runBold = false;
  let runHasText = false;
  let inRunProps = false;
  let inParaProps = false;
  // Inside deleted revisions and fallback copies everything is skipped. saxes reports a close for every
  // open, self-closing tags included, so the depth counts both.
  let skipDepth = 0;
  const append = (text: string) => {
    if (open.length) open[open.length - 1]!.text += text;
  };
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag) => {
    if (skipDepth > 0 || tag.name === 'w:del' || tag.name === 'mc:Fallback') {
      skipDepth++;
      return;
    }
    const p = open.at(-1);
    const val = tag.attributes['w:val'];
    switch (tag.name) {
      case 'w:p':
        open.push({ text: '', bold: false, runs: 0, boldRuns: 0 });
        break;
      case 'w:pPr':
        inParaProps = runDepth === 0;
        break;
      case 'w:pStyle': {
        const m = String(val ?? '').match(/^(?:heading|标题)\s*(\d)$/i) ?? String(val ?? '').match(/^(\d)$/);
        if (p && inParaProps && m) p.heading ??= Number(m[1]);
        break;
      }
      case 'w:outlineLvl':
        if (p && inParaProps && Number(val) < 9) p.heading ??= Number(val) + 1;
        break;
      case 'w:ilvl':
        if (p && inParaProps) p.ilvl = Number(val) || 0;
        break;
      case 'w:numId':
        if (p && inParaProps && val != null && String(val) !== '0') p.numId = String(val);
        break;
      case 'w:r':
        runDepth++;
        runBold = false;
        runHasText = false;
        break;
      case 'w:rPr':
        inRunProps = runDepth > 0;
        break;
      case 'w:b':
        if (inRunProps && on(val)) runBold = true;
        break;
      case 'w:t':
        inText = true;
        break;
      // Tab stops in paragraph properties are also called w:tab: only a tab inside a run is text.
      case 'w:tab':
        if (runDepth > 0) append('\t');
        break;
      case 'w:br':
      case 'w:cr':
        if (runDepth > 0 && tag.attributes['w:type'] !== 'page') append('\n');
        break;
    }
  });
  parser.on('closetag', (tag) => {
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    if (tag.name === 'w:t') inText = false;
    else if (tag.name === 'w:rPr') inRunProps = false;
    else if (tag.name === 'w:pPr') inParaProps = false;
    else if (tag.name === 'w:r') {
      runDepth--;
      const p = open.at(-1);
      if (p && runHasText) {
        p.runs++;
        if (runBold) p.boldRuns++;
      }
    } else if (tag.name === 'w:p') {
      const p = open.pop();
      if (!p) return;
      const para: DocxParagraph = { text: p.text, bold: p.runs > 0 && p.boldRuns === p.runs };
      if (p.heading) para.heading = p.heading;
      if (p.numId) para.list = { id: p.numId, level: p.ilvl ?? 0 };
      out.push(para);
    }
  });
  parser.on('text', (text) => {
    if (!inText) return;
    append(text);
    if (text.trim()) runHasText = true;
  });
  try {
    parser.write(xml).close();
  } catch {
    throw notDocx(name, '正文 XML 已损坏');
  }
  return out;
}
