import type { MenuProps } from 'antd';
import { PROBLEM_STATUSES, type ProblemStatus } from '../../../shared/domain/status';

/** The commands of the table's right-click menu. */
export interface MenuCommands {
  copy(): void;
  paste(): void;
  clear(): void;
  insert(): void;
  remove(): void;
  setStatus(status: ProblemStatus | null): void;
  setLeadUnit(): void;
  fillDown(): void;
  openDetail(): void;
  openHistory(): void;
}

export interface MenuState {
  /** Whether the click was on a problem (not a category banner). */
  onProblem: boolean;
  selected: number;
  clearable: boolean;
}

const label = (text: string, keys?: string) => (
  <span className="menu-item">
    <span>{text}</span>
    {keys ? <kbd className="menu-keys">{keys}</kbd> : null}
  </span>
);

/** Items with their shortcuts shown beside them, as a desktop program has them. */
export function contextMenuItems(s: MenuState): MenuProps['items'] {
  const many = s.selected > 1 ? `（${s.selected} 个问题）` : '';
  return [
    { key: 'copy', label: label('复制', 'Ctrl+C') },
    { key: 'paste', label: label('粘贴', 'Ctrl+V'), disabled: !s.onProblem },
    { key: 'clear', label: label(`清空${many}`, 'Delete'), disabled: !s.onProblem || !s.clearable },
    { type: 'divider' },
    { key: 'insert', label: label('插入问题', 'Insert') },
    { key: 'remove', label: label(`删除${many}`, 'Ctrl+Delete'), danger: true },
    { type: 'divider' },
    {
      key: 'status',
      label: label(`设置状态${many}`),
      disabled: !s.onProblem,
      children: [
        { key: 'status:derived', label: '按措施推导' },
        ...PROBLEM_STATUSES.map((st) => ({ key: `status:${st}`, label: st })),
      ],
    },
    { key: 'leadUnit', label: label(`设置牵头单位…${many}`), disabled: !s.onProblem },
    { key: 'fill', label: label('向下填充', 'Ctrl+D'), disabled: !s.onProblem },
    { type: 'divider' },
    { key: 'detail', label: label('打开详情', 'Ctrl+Enter'), disabled: !s.onProblem },
    { key: 'history', label: label('查看变更记录'), disabled: !s.onProblem },
  ];
}

export function runMenuCommand(key: string, c: MenuCommands): void {
  if (key.startsWith('status:')) {
    const v = key.slice('status:'.length);
    return c.setStatus(v === 'derived' ? null : (v as ProblemStatus));
  }
  const byKey: Record<string, () => void> = {
    copy: c.copy,
    paste: c.paste,
    clear: c.clear,
    insert: c.insert,
    remove: c.remove,
    leadUnit: c.setLeadUnit,
    fill: c.fillDown,
    detail: c.openDetail,
    history: c.openHistory,
  };
  byKey[key]?.();
}
