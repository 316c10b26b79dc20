import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCode, compareCodes } from '../../shared/domain/code';
import { parseDeadline, splitMeasureDeadlines } from '../../shared/domain/deadline';
import { normalizeStatus, deriveProblemStatus } from '../../shared/domain/status';
import { formatResultPhrase, parseResultPhrase } from '../../shared/domain/resultPhrase';
import { fromChineseNumeral, toChineseNumeral, digitsOfList } from '../../shared/domain/numerals';
import { splitLeaders, splitUnits } from '../../shared/domain/names';

describe('problem codes (DOMAIN §2)', () => {
  it.each([
    ['2-3-2', '2-3-2'],
    ['二-3-(2)', '2-3-2'],
    ['2.3.2', '2-3-2'],
    ['（二）3.(2)', '2-3-2'],
    ['(二)3.(2)', '2-3-2'],
    ['２－３－２', '2-3-2'],
    ['2-5', '2-5'],
    ['（五）1', '5-1'],
    [' 5-4-1 ', '5-4-1'],
  ])('reads %s as %s', (input, code) => expect(parseCode(input)).toBe(code));

  it.each(['1', '12', '', '问题', '2-a', '1-2-3-4', '0-1'])('does not take %j for a code', (input) => expect(parseCode(input)).toBeNull());
  it('reads a code written with digits and dashes alone as the general reading does (the quick path)', () => {
    // A leading space is trimmed by the general reading and keeps the quick path out: both must agree.
    const digits = fc.stringMatching(/^[0-9]{1,12}$/);
    fc.assert(
      fc.property(fc.array(digits, { minLength: 1, maxLength: 4 }), fc.constantFrom('-', '--', ''), (parts, dash) => {
        const s = parts.join(dash || '-');
        expect(parseCode(s)).toBe(parseCode(` ${s}`));
      }),
      { numRuns: 2000 },
    );
    expect(parseCode('02-3-010')).toBe('2-3-10');
    expect(parseCode('1000-1')).toBeNull();
  });

  it('orders codes numerically', () => {
    expect(['1-10', '1-2-1', '1-2', '2-1'].sort(compareCodes)).toEqual(['1-2', '1-2-1', '1-10', '2-1']);
  });
});

describe('deadlines (DOMAIN §4)', () => {
  it.each([
    ['2024年11月20日前', 'date', '2024-11-20'],
    ['2024年11月20日以前完成整改', 'date', '2024-11-20'],
    ['2024.11.20', 'date', '2024-11-20'],
    ['2024/11/20', 'date', '2024-11-20'],
    ['2024-11-20', 'date', '2024-11-20'],
    ['2024年底前', 'date', '2024-12-31'],
    ['8月底前', 'date', '2024-08-31'],
    ['2025年2月底前', 'date', '2025-02-28'],
    ['立行立改', 'immediate', null],
    ['长期坚持', 'long-term', null],
    ['立行立改，长期坚持', 'immediate', null],
    ['2024年底前，并长期坚持', 'date+long-term', '2024-12-31'],
    ['待省上出台政策后', 'conditional', null],
    ['根据中央依法治国办的部署完成整改', 'conditional', null],
    ['', 'none', null],
  ])('%j is %s %s', (raw, kind, date) => {
    const d = parseDeadline(raw, 2024);
    expect(d.kind).toBe(kind);
    expect(d.date).toBe(date);
    expect(d.raw).toBe(raw);
    expect(d.error).toBeUndefined();
  });

  it('refuses 2024年2月30日 instead of rolling it into March', () => {
    const d = parseDeadline('2024年2月30日', 2024);
    expect(d.kind).toBe('text');
    expect(d.date).toBeNull();
    expect(d.error).toMatch(/不是有效日期/);
  });

  it.each(['2024-13-45', '明年上半年'])('reports %j as no date', (raw) => {
    expect(parseDeadline(raw, 2024).error).toBeTruthy();
  });

  it('keeps the first date of a mixed deadline and its text', () => {
    const raw = '2024年11月20日前完成整改,合法性审查与公平竞争审查衔接联动机制待《四川省重大行政决策程序规定》修订出台后按相关程序推动出台。';
    expect(parseDeadline(raw, 2024)).toMatchObject({ kind: 'date', date: '2024-11-20', raw });
  });

  it('splits per-measure deadlines', () => {
    const parts = splitMeasureDeadlines('第一二三五项2024年11月20日前完成整改;第四项待省上出台政策后,按相关程序推动出台。');
    expect([...parts!.keys()].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(parts!.get(4)).toBe('待省上出台政策后,按相关程序推动出台');
    expect(parts!.get(5)).toBe('2024年11月20日前完成整改');
    expect(splitMeasureDeadlines('2024年11月20日前完成整改。')).toBeNull();
  });
});

describe('statuses (DOMAIN §3)', () => {
  it.each([
    ['完成整改', '已完成'], ['已整改', '已完成'], ['已整改到位', '已完成'], ['已完成', '已完成'], ['是', '已完成'], ['完成', '已完成'],
    ['正在整改', '正在推进'], ['持续推进', '正在推进'], ['正稳步推进', '正在推进'], ['推进中', '正在推进'], ['基本完成', '正在推进'],
    ['阶段性完成', '正在推进'], ['否', '正在推进'], ['未开始', '未启动'], ['尚未整改', '未启动'], ['长期坚持', '长期坚持'], ['持续整改', '长期坚持'],
  ])('%s means %s', (word, status) => expect(normalizeStatus(word)).toBe(status));

  it.each(['差不多了', 'OK', '', '逾期'])('%j is no status', (word) => expect(normalizeStatus(word)).toBeNull());

  it('derives a problem status from its measures', () => {
    expect(deriveProblemStatus(['已完成', '已完成'])).toBe('已完成');
    expect(deriveProblemStatus(['已完成', '未启动'])).toBe('正在推进');
    expect(deriveProblemStatus(['未启动', '未启动'])).toBe('未启动');
    expect(deriveProblemStatus(['已完成', '长期坚持'])).toBe('长期坚持');
    expect(deriveProblemStatus([])).toBe('未启动');
  });
});

describe('result phrase', () => {
  it('reads per-measure results', () => {
    const r = parseResultPhrase('第一三项完成整改;第二项未完成整改。');
    expect(r?.kind).toBe('partial');
    if (r?.kind !== 'partial') return;
    expect([...r.byMeasure.entries()].sort()).toEqual([[1, '已完成'], [2, '正在推进'], [3, '已完成']]);
    const r2 = parseResultPhrase('第一二三四五七项完成整改,第六项未完成整改');
    expect(r2?.kind === 'partial' && r2.byMeasure.get(6)).toBe('正在推进');
    expect(parseResultPhrase('完成整改。')).toEqual({ kind: 'all', status: '已完成' });
  });

  it('writes what it reads', () => {
    expect(formatResultPhrase(['已完成', '正在推进', '已完成'])).toBe('第一三项完成整改;第二项未完成整改');
    expect(formatResultPhrase(['正在推进', '已完成'])).toBe('第一项未完成整改;第二项完成整改');
    expect(formatResultPhrase(['已完成', '已完成'])).toBe('完成整改');
    const many = Array.from({ length: 12 }, (_, i) => (i === 10 ? '正在推进' : '已完成') as '已完成' | '正在推进');
    const phrase = formatResultPhrase(many);
    const back = parseResultPhrase(phrase);
    expect(back?.kind === 'partial' && [...back.byMeasure.entries()].filter(([, s]) => s !== '已完成')).toEqual([[11, '正在推进']]);
  });
});

describe('numerals and names', () => {
  it('converts Chinese numerals both ways', () => {
    for (let n = 1; n <= 120; n++) expect(fromChineseNumeral(toChineseNumeral(n))).toBe(n);
    expect(digitsOfList('一二三五')).toEqual([1, 2, 3, 5]);
    expect(digitsOfList('十一十二')).toEqual([11, 12]);
  });

  it('splits names the way offices write them', () => {
    expect(splitLeaders('局党组成员、副局长（分管立法）')).toEqual(['局党组成员、副局长（分管立法）']);
    expect(splitLeaders('张三、李四')).toEqual(['张三', '李四']);
    expect(splitLeaders('局党组书记、局长\n局党组成员、政治部主任')).toEqual(['局党组书记、局长', '局党组成员、政治部主任']);
    expect(splitUnits('政治部、机关党办，局办公室')).toEqual(['政治部', '机关党办', '局办公室']);
  });
});
