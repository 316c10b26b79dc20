import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { decideOpen, decideTarget, fileNameProblem } from '../../electron/core/path-policy';
import { seededRandom } from '../helpers/crash';

/** Issue 12, finding 2: one policy decides where a path-taking operation may write, for every host. */
const dir = path.resolve('/data/整改台账');
const web = { kind: 'data-folder' as const, dir };

describe('the path policy', () => {
  it('web: a plain name goes to the data folder, never replacing a file', () => {
    for (const name of ['新台账.zgtz', '汇总表 2024.xlsx', '佐证材料包', 'a', '第（一）轮.zgtz']) {
      expect(decideTarget(web, name, { what: '台账' })).toEqual({ ok: true, path: path.join(dir, name), overwrite: false });
    }
  });

  it('web: anything that names a folder, a drive or leaves the folder is refused with a message saying where files go', () => {
    const hostile = [
      '/any/where/x.xlsx', '/any/where/new.sh', '../x.zgtz', '..', '.', 'a/b.zgtz', 'a\\b.zgtz', 'C:\\x.zgtz', 'C:x.zgtz', '\\\\server\\share\\x',
      '深/层/目录/x.zgtz', '.bashrc', 'x\u0000.zgtz', 'x\n.zgtz', 'CON', 'nul.txt', 'x.zgtz.', ' ', '', 'a'.repeat(300), 'file:///etc/passwd', '..\\..\\x',
    ];
    for (const name of hostile) {
      const d = decideTarget(web, name, { what: '导出文件' });
      expect(d.ok, JSON.stringify(name)).toBe(false);
      if (!d.ok) expect(d.message).toContain(`浏览器版只能把导出文件保存到数据文件夹（${dir}）`);
    }
  });

  it('web: generated names never resolve outside the data folder', () => {
    const random = seededRandom(5);
    const alphabet = ['a', '.', '/', '\\', ':', '..', '台', ' ', '%2e', '\u0000', 'C:', '~', '$', '*'];
    for (let i = 0; i < 2000; i++) {
      let name = '';
      for (let n = 1 + Math.floor(random() * 8); n > 0; n--) name += alphabet[Math.floor(random() * alphabet.length)];
      const d = decideTarget(web, name, { what: '台账' });
      if (d.ok) {
        expect(path.dirname(d.path), JSON.stringify(name)).toBe(dir);
        expect(fileNameProblem(path.basename(d.path))).toBeNull();
      }
    }
  });

  it('desktop: only a path the native dialog returned is written (and may replace: the dialog asked)', () => {
    const picked = path.resolve('/home/clerk/文档/汇总表.xlsx');
    const policy = { kind: 'dialog' as const, granted: new Set([picked]) };
    expect(decideTarget(policy, picked, { what: '导出文件' })).toEqual({ ok: true, path: picked, overwrite: true });
    for (const other of ['/home/clerk/.bashrc', '/home/clerk/文档/其他.xlsx', '汇总表.xlsx', `${picked}/../x.xlsx`]) {
      const d = decideTarget(policy, other, { what: '导出文件' });
      expect(d.ok, other).toBe(false);
      if (!d.ok) expect(d.message).toMatch(/只能保存到在“保存”对话框中选定的位置/);
    }
  });

  it('command line: a complete path, never replacing a file', () => {
    expect(decideTarget({ kind: 'typed' }, '/tmp/x.xlsx', { what: '导出文件' })).toEqual({ ok: true, path: path.resolve('/tmp/x.xlsx'), overwrite: false });
    expect(decideTarget({ kind: 'typed' }, 'x.xlsx', { what: '导出文件' }).ok).toBe(false);
  });

  it('web: a ledger is opened from the data folder, by name (or its full path there); anything else is refused', () => {
    for (const name of ['台账.zgtz', '示例台账.zgtz', '2024 巡察.ZGTZ']) {
      expect(decideOpen(web, name)).toEqual({ ok: true, path: path.join(dir, name) });
      expect(decideOpen(web, path.join(dir, name))).toEqual({ ok: true, path: path.join(dir, name) });
    }
    const refused = [
      '/etc/passwd', '/home/clerk/台账.zgtz', path.join(dir, 'backups', 'x.zgtz'), path.join(dir, '..', 'x.zgtz'), `${dir}x/台账.zgtz`,
      '../台账.zgtz', 'a/台账.zgtz', 'C:\\台账.zgtz', '.台账.zgtz', '', ' ', 'settings.json', '台账', '台账.zgtz.bak', 'x\u0000.zgtz',
    ];
    for (const p of refused) {
      const d = decideOpen(web, p);
      expect(d.ok, JSON.stringify(p)).toBe(false);
      if (!d.ok) {
        expect(d.code).toBe('PATH_NOT_ALLOWED');
        expect(d.message).toContain(`浏览器版只能打开数据文件夹（${dir}）中的台账`);
      }
    }
    // Generated requests never open anything outside the folder.
    const random = seededRandom(7);
    const alphabet = ['a', '.', '/', '\\', ':', '..', '台', ' ', '.zgtz', dir, '\u0000', 'C:', '~'];
    for (let i = 0; i < 2000; i++) {
      let p = '';
      for (let n = 1 + Math.floor(random() * 8); n > 0; n--) p += alphabet[Math.floor(random() * alphabet.length)];
      const d = decideOpen(web, p);
      if (d.ok) {
        expect(path.dirname(d.path), JSON.stringify(p)).toBe(dir);
        expect(d.path.toLowerCase().endsWith('.zgtz')).toBe(true);
      }
    }
  });

  it('desktop and command line: any ledger path is opened (the desktop gets it from its dialog or the recent list)', () => {
    for (const policy of [{ kind: 'dialog' as const, granted: new Set<string>() }, { kind: 'typed' as const }]) {
      expect(decideOpen(policy, '/home/clerk/台账.zgtz')).toEqual({ ok: true, path: path.resolve('/home/clerk/台账.zgtz') });
    }
  });
});
