import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EvidenceList } from '../../renderer/components/evidence/EvidenceList';
import { describeChange, sourceText, type HistoryNames } from '../../renderer/components/history/changeWords';
import type { HistoryEntry } from '../../shared/domain/types';
import { renderWithLedger } from './render';
import { makePdf } from '../helpers/evidence-files';
import { call } from '../../renderer/api';
import { useLedger } from '../../renderer/ledger-context';
import { useAsync } from '../../renderer/components/useAsync';

/** The list as a page embeds it: for the first problem of the open ledger, once there is one. */
function FirstProblemEvidence() {
  const { version } = useLedger();
  const problems = useAsync(() => call('problems.list', {}).catch(() => []), [version]);
  const first = problems.value?.[0];
  return first ? <EvidenceList problemId={first.id} /> : null;
}

function entry(over: Partial<HistoryEntry>): HistoryEntry {
  return { id: 1, actionId: 1, at: '2025-03-01T08:00:00.000Z', actor: '张三', source: 'edit', label: 'x', batchId: null, table: 'problems', rowId: 5, field: 'status', oldValue: null, newValue: null, problemId: 5, ...over };
}

describe('describing recorded changes for people', () => {
  const lookups: HistoryNames = { problemCode: (id) => (id === 5 ? '2-3' : undefined), unit: (id) => (id === 9 ? '政治部' : undefined), leader: () => undefined, category: () => undefined };

  it('names the problem and the field, and turns ids and codes into words', () => {
    expect(describeChange(entry({ oldValue: '正在推进', newValue: '已完成' }), lookups)).toEqual({ what: '问题 2-3 · 整改状态', kind: '修改', from: '正在推进', to: '已完成', restorable: true });
    expect(describeChange(entry({ field: 'lead_unit_id', oldValue: null, newValue: 9 }), lookups)).toMatchObject({ from: '（空）', to: '政治部' });
    expect(describeChange(entry({ field: 'status_source', oldValue: 'derived', newValue: 'manual' }), lookups)).toMatchObject({ from: '按措施推导', to: '手动设置' });
    expect(describeChange(entry({ field: 'workflow', oldValue: '', newValue: '待销号' }), lookups)).toMatchObject({ what: '问题 2-3 · 销号流程', from: '未进入销号流程', to: '待销号' });
  });

  it('describes added and removed rows by their content', () => {
    const added = entry({ table: 'evidence', field: '*', oldValue: null, newValue: JSON.stringify({ title: '会议纪要', original_name: '纪要.pdf', seq: 1 }) });
    expect(describeChange(added, lookups)).toEqual({ what: '问题 2-3 · 佐证材料', kind: '新增', from: '', to: '会议纪要（纪要.pdf）', restorable: false });
    const removed = entry({ table: 'evidence', field: 'deleted_at', oldValue: null, newValue: '2025-03-01T08:00:00.000Z' });
    expect(describeChange(removed, lookups)).toMatchObject({ what: '问题 2-3 · 佐证材料 · 删除时间', kind: '删除', from: '未删除' });
    const step = entry({ table: 'signoffs', field: '*', oldValue: null, newValue: JSON.stringify({ step: 'reject', at: '2025-03-04', actor: '李四', reason: '缺少照片' }) });
    expect(describeChange(step, lookups).to).toBe('退回 2025-03-04 李四，理由：缺少照片');
  });

  it('says where a change came from', () => {
    expect(sourceText('import', 3)).toBe('导入批次 3');
    expect(sourceText('edit', null)).toBe('个人修改');
    expect(sourceText('undo', null)).toBe('撤销');
  });
});

describe('the evidence list component', () => {
  let cleanupBackend: (() => void) | null = null;
  afterEach(() => cleanupBackend?.());

  it('uploads a chosen file, numbers it and lists it; a listed item without file is marked', async () => {
    const r = renderWithLedger(<FirstProblemEvidence />);
    cleanupBackend = r.backend.cleanup;
    await act(() => call('ledger.addSample', {}));
    const [p] = await r.backend.call('problems.list', {});
    await act(() => call('evidence.register', { problemId: p!.id, title: '党组会议纪要' }));
    expect(await screen.findByText('已登记，未收到文件')).toBeInTheDocument();
    const user = userEvent.setup();
    const file = new File([new Uint8Array(makePdf('x'))], '学习规则.pdf', { type: 'application/pdf' });
    await user.upload(screen.getByTestId('evidence-file-input'), file);
    await waitFor(() => expect(r.calls.map((c) => c.name)).toContain('evidence.attach'));
    const table = await screen.findByTestId('evidence-list');
    await waitFor(() => expect(within(table).getByText('学习规则')).toBeInTheDocument());
    expect(within(table).getByText('1-1-1')).toBeInTheDocument();
    expect(within(table).getByText('1-1-2')).toBeInTheDocument();
    const stored = await r.backend.call('evidence.list', { problemId: p!.id });
    expect(stored.map((e) => [e.number, e.title, e.received, e.mime])).toEqual([
      ['1-1-1', '党组会议纪要', false, ''],
      ['1-1-2', '学习规则', true, 'application/pdf'],
    ]);
  });
});
