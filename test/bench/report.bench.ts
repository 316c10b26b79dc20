import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDb } from '../../electron/core/db/open';
import { runAction } from '../../electron/core/ledger/actions';
import { readReportSource } from '../../electron/core/report/source';
import { parseReport } from '../../electron/core/report/parse';
import { previewReportImport, commitReportImport } from '../../electron/core/report/import';
import { buildReport, reportText } from '../../electron/core/report/model';
import { reportDocx } from '../../electron/core/report/docx-writer';
import { toChineseNumeral } from '../../shared/domain/numerals';
import { fileURLToPath } from 'node:url';

// test/helpers uses __dirname (CommonJS under vitest); the bench runs as an ES module.
const PUBLISHED_REPORT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/fixtures/reports/000_2f0ad5af2777d313.txt');

/** A report in the published layout with `categories × generals × (1 + specifics)` problems of 3 measures. */
function syntheticReport(categories: number, generals: number, specifics: number): string {
  const lines = [
    '2024年5月7日至6月7日，市委第五巡察组对市某局党组开展了巡察。7月24日，市委第五巡察组向市某局党组反馈了巡察意见。',
    '一、巡察反馈问题的整改落实情况',
    '截至2025年2月21日，巡察反馈的面上问题，4个月集中整改期内应完成整改。',
  ];
  const problem = (label: string, n: number) => [
    `${label}第${n}个问题的内容，写明存在的具体情况和表现，约四十个汉字左右的长度。`,
    `整改情况：一是制定工作方案，明确责任分工和时间节点${n}。二是开展专项检查，形成问题清单并逐项整改。三是建立长效机制，定期通报整改进展情况。`,
    '整改时限：2024年11月20日前完成整改。',
    n % 5 === 0 ? '整改结果：第一三项完成整改;第二项未完成整改。' : '整改结果：完成整改。',
  ];
  for (let c = 1; c <= categories; c++) {
    lines.push(`（${toChineseNumeral(c)}）反馈问题：第${c}类反馈问题`);
    for (let g = 1; g <= generals; g++) {
      lines.push(...problem(`${g}.面上问题：`, g));
      for (let s = 1; s <= specifics; s++) lines.push(...problem(`（${s}）具体问题：`, s));
    }
  }
  return lines.join('\n');
}

async function time<T>(fn: () => T | Promise<T>, runs: number): Promise<{ ms: number; value: T }> {
  const ms: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = await fn();
    ms.push(performance.now() - t);
  }
  return { ms: ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)]!, value };
}

async function measure(label: string, name: string, bytes: Uint8Array, runs: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-bench-'));
  try {
    const parse = await time(() => parseReport(readReportSource({ name, bytes }), name), runs);
    const problems = parse.value.categories.reduce((n, c) => n + c.problems.length, 0);
    let k = 0;
    const commit = await time(() => {
      const db = openDb(path.join(dir, `l${k++}.zgtz`), { create: true });
      try {
        const preview = previewReportImport(db, { name, bytes });
        return runAction(db, { source: 'import', label: 'bench' }, () => {
          return commitReportImport(db, preview, { batchId: null });
        });
      } finally {
        db.close();
      }
    }, Math.min(runs, 5));
    const db = openDb(path.join(dir, 'l0.zgtz'));
    const options = { asOf: '2025-02-21', publicOnly: false };
    const text = await time(() => reportText(buildReport(db, commit.value.roundId, options)), runs);
    const docx = await time(() => reportDocx(buildReport(db, commit.value.roundId, options)), Math.min(runs, 5));
    db.close();
    const f = (x: number) => `${x.toFixed(1)} ms`;
    process.stdout.write(
      `${label}: ${(bytes.length / 1024).toFixed(0)} KB, ${problems} problems, ${commit.value.measures} measures\n` +
        `  read + parse ${f(parse.ms)} | preview + commit into a new ledger ${f(commit.ms)} | write .txt ${f(text.ms)} | write .docx ${f(docx.ms)} (${(docx.value.length / 1024).toFixed(0)} KB)\n`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export default async function reportBench(): Promise<void> {
  await measure('published report', 'report.txt', fs.readFileSync(PUBLISHED_REPORT), 20);
  await measure('synthetic report', 'big.txt', new TextEncoder().encode(syntheticReport(10, 20, 4)), 5);
}
