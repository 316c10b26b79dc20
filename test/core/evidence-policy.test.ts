import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { sniffFile } from '../../electron/core/evidence/sniff';
import { openPolicy } from '../../electron/core/evidence/open-policy';
import { joinInside, safeFileName, uniqueName } from '../../electron/core/evidence/safe-name';
import { makeDocx, makeExe, makeLnk, makeOfd, makeOle, makePdf, makePng, makeXlsx } from '../helpers/evidence-files';

describe('sniffing a file type from its bytes', () => {
  it('recognises documents and images by their magic numbers, not their names', () => {
    expect(sniffFile(makePdf()).mime).toBe('application/pdf');
    expect(sniffFile(makePng()).mime).toBe('image/png');
    expect(sniffFile(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])).mime).toBe('image/jpeg');
    expect(sniffFile(makeDocx()).family).toBe('docx');
    expect(sniffFile(makeXlsx()).family).toBe('xlsx');
    expect(sniffFile(makeOfd()).family).toBe('ofd');
    expect(sniffFile(makeOle('WordDocument')).family).toBe('word');
    expect(sniffFile(makeOle('Workbook')).family).toBe('excel');
    expect(sniffFile(Buffer.from('关于整改情况的说明\r\n一、基本情况', 'utf8')).family).toBe('text');
  });

  it('recognises programs, shortcuts, macros and unknown binaries', () => {
    expect(sniffFile(makeExe()).family).toBe('executable');
    expect(sniffFile(Buffer.from('\x7fELF\x02\x01\x01', 'latin1')).family).toBe('executable');
    expect(sniffFile(Buffer.from('#!/bin/sh\nrm -rf ~\n')).family).toBe('executable');
    expect(sniffFile(makeLnk()).family).toBe('shortcut');
    expect(sniffFile(makeDocx({ macros: true })).macros).toBe(true);
    expect(sniffFile(Buffer.from([0, 1, 2, 3, 0, 0, 0xff])).family).toBe('unknown');
  });
});

describe('the open-file policy', () => {
  const pdf = sniffFile(makePdf());
  const png = sniffFile(makePng());
  const exe = sniffFile(makeExe());

  it('opens allowlisted documents whose content matches their extension', () => {
    expect(openPolicy('会议纪要.pdf', pdf)).toEqual({ preview: 'pdf', canOpen: true, openExt: 'pdf', reason: '' });
    expect(openPolicy('现场照片.PNG', png)).toMatchObject({ preview: 'image', canOpen: true, openExt: 'png' });
    expect(openPolicy('制度.docx', sniffFile(makeDocx()))).toMatchObject({ preview: null, canOpen: true, openExt: 'docx' });
    expect(openPolicy('台账.xlsx', sniffFile(makeXlsx())).canOpen).toBe(true);
    expect(openPolicy('通报.wps', sniffFile(makeOle('WordDocument'))).canOpen).toBe(true);
    expect(openPolicy('统计.et', sniffFile(makeOle('Workbook'))).canOpen).toBe(true);
    expect(openPolicy('文件.doc', sniffFile(makeOle('WordDocument'))).canOpen).toBe(true);
    expect(openPolicy('表格.xls', sniffFile(makeOle('Workbook'))).canOpen).toBe(true);
    expect(openPolicy('公文.ofd', sniffFile(makeOfd())).canOpen).toBe(true);
    expect(openPolicy('说明.txt', sniffFile(Buffer.from('说明')))).toMatchObject({ canOpen: true, openExt: 'txt' });
    expect(openPolicy('2024.11.20 会议.pdf', pdf).canOpen).toBe(true);
  });

  it.each([
    ['setup.exe', exe, /\.exe 文件/],
    ['启动.bat', sniffFile(Buffer.from('@echo off\r\nformat c:\r\n')), /\.bat 文件/],
    ['run.cmd', sniffFile(Buffer.from('del *.*')), /\.cmd 文件/],
    ['文档.lnk', sniffFile(makeLnk()), /\.lnk 文件/],
    ['app.desktop', sniffFile(Buffer.from('[Desktop Entry]\nExec=sh -c evil\n')), /\.desktop 文件/],
    ['x.pdf.exe', exe, /伪装成 \.pdf 的双扩展名/],
    ['会议纪要.pdf.scr', exe, /\.scr 文件/],
    ['会议纪要.exe.pdf', pdf, /双扩展名（\.exe\.pdf）/],
    ['照片.pdf.', pdf, /以句点或空格结尾/],
    ['照片.pdf  ', pdf, /以句点或空格结尾/],
    ['invoice\u202efdp.exe', exe, /方向控制/],
    ['invoice\u202egpj.pdf', pdf, /方向控制/],
    ['a\u200b.pdf', pdf, /零宽/],
    ['tab\there.pdf', pdf, /控制字符/],
    ['x.pdf:evil.exe', pdf, /冒号/],
    ['..\\..\\x.pdf', pdf, /路径分隔符/],
    ['README', sniffFile(Buffer.from('hi')), /没有扩展名/],
    ['宏.docm', sniffFile(makeDocx({ macros: true })), /\.docm 文件/],
    ['宏.docx', sniffFile(makeDocx({ macros: true })), /宏代码/],
    ['伪装.pdf', exe, /内容实际是“Windows 可执行程序”/],
    ['伪装.txt', exe, /\.txt/],
    ['伪装.png', sniffFile(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), /类型不符/],
    ['伪装.docx', sniffFile(makeXlsx()), /类型不符/],
    ['压缩包.zip', sniffFile(makeDocx()), /不在允许直接打开的文档类型之列/],
    ['页面.html', sniffFile(Buffer.from('<script>alert(1)</script>')), /\.html 文件/],
    ['图.svg', sniffFile(Buffer.from('<svg onload="alert(1)"/>')), /\.svg 文件/],
  ])('never opens %s in the system program', (name, sniffed, reason) => {
    const v = openPolicy(name, sniffed);
    expect(v.canOpen).toBe(false);
    expect(v.openExt).toBeNull();
    expect(v.reason).toMatch(reason);
    expect(v.reason).toMatch(/另存/);
  });

  it('still previews a real PDF or image inside the app when its name forbids opening it', () => {
    expect(openPolicy('x.exe.pdf', pdf)).toMatchObject({ preview: 'pdf', canOpen: false });
    expect(openPolicy('照片.png.', png)).toMatchObject({ preview: 'image', canOpen: false });
    expect(openPolicy('setup.exe', exe).preview).toBeNull();
  });
});

describe('safe names for the evidence package', () => {
  it.each([
    ['../x', '_x'],
    ['..', '文件'],
    ['C:\\x', 'C__x'],
    ['a:b', 'a_b'],
    ['/etc/passwd', '_etc_passwd'],
    ['CON.txt', '_CON.txt'],
    ['con', '_con'],
    ['nul .pdf', '_nul .pdf'],
    ['COM1.tar.gz', '_COM1.tar.gz'],
    ['lpt9.doc', '_lpt9.doc'],
    ['CONSOLE.txt', 'CONSOLE.txt'],
    ['报告.pdf...', '报告.pdf'],
    ['报告.pdf   ', '报告.pdf'],
    ['问<题>|"?*.pdf', '问_题_____.pdf'],
    ['a\u0000b\u001f.pdf', 'a_b_.pdf'],
    ['invoice\u202efdp.exe', 'invoicefdp.exe'],
    ['.hidden', 'hidden'],
    ['   ', '文件'],
  ])('%j becomes %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it('limits the length and keeps the extension, without splitting a character', () => {
    const long = '关于'.repeat(80) + '😀.pdf';
    const s = safeFileName(long, { maxLength: 60 });
    expect(s.length).toBeLessThanOrEqual(60);
    expect(s.endsWith('.pdf')).toBe(true);
    expect(s).not.toMatch(/[\ud800-\udbff]\./);
  });

  it('makes duplicates unique with numbered suffixes, ignoring case', () => {
    const taken = new Set<string>();
    expect(uniqueName('纪要.pdf', taken)).toBe('纪要.pdf');
    expect(uniqueName('纪要.pdf', taken)).toBe('纪要 (2).pdf');
    expect(uniqueName('纪要.PDF', taken)).toBe('纪要 (3).PDF');
    expect(uniqueName('纪要', taken)).toBe('纪要');
  });

  it('joins only safe components and never leaves the target folder', () => {
    const root = path.resolve('/tmp/pkg');
    expect(joinInside(root, '2-3', '2-3-1 纪要.pdf')).toBe(path.join(root, '2-3', '2-3-1 纪要.pdf'));
    for (const bad of ['..', '../x', 'a/b', 'C:\\x', 'C:x', '/etc', '.', '']) {
      expect(() => joinInside(root, bad)).toThrow();
    }
    for (const evil of ['../x', 'C:\\x', 'CON.txt', 'a:b', 'x...', '..', '/abs']) {
      const full = joinInside(root, safeFileName(evil));
      expect(path.dirname(full)).toBe(root);
    }
  });
});

describe('sniffing edge cases', () => {
  it('does not take a text starting with "BM" for a bitmap', () => {
    expect(sniffFile(Buffer.from('BMW 车辆管理制度修订说明，共三条。')).family).toBe('text');
  });
});
