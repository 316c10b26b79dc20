import { memo } from 'react';
import { Button, Divider, Space, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, DragOutlined, FileSearchOutlined, FolderAddOutlined, PlusOutlined, PrinterOutlined, ProfileOutlined, RestOutlined } from '@ant-design/icons';

/** Actions on the active row (or the selection), each also reachable by its key in the table. */
function ToolbarView({
  canAddProblem,
  canMove,
  canDelete,
  detailOpen,
  deletedView,
  onAddProblem,
  onAddCategory,
  onMove,
  onMoveTo,
  onDelete,
  onToggleDetail,
  onToggleDeleted,
  onReplace,
  onPrint,
}: {
  canAddProblem: boolean;
  canMove: boolean;
  canDelete: boolean;
  detailOpen: boolean;
  deletedView: boolean;
  onAddProblem(): void;
  onAddCategory(): void;
  onMove(direction: 'up' | 'down'): void;
  onMoveTo(): void;
  onDelete(): void;
  onToggleDetail(): void;
  onToggleDeleted(): void;
  onReplace(): void;
  onPrint(): void;
}) {
  return (
    <Space size={4} wrap className="ledger-toolbar" role="toolbar" aria-label="台账操作">
      {deletedView ? null : (
        <>
          <Tooltip title="在当前行之后新增同级问题（Insert）">
            <Button size="small" icon={<PlusOutlined />} disabled={!canAddProblem} onClick={onAddProblem}>
              新增问题
            </Button>
          </Tooltip>
          <Button size="small" icon={<FolderAddOutlined />} onClick={onAddCategory}>
            新增类别
          </Button>
          <Tooltip title="上移（Alt+Shift+↑）">
            <Button size="small" icon={<ArrowUpOutlined />} disabled={!canMove} onClick={() => onMove('up')} aria-label="上移" />
          </Tooltip>
          <Tooltip title="下移（Alt+Shift+↓）">
            <Button size="small" icon={<ArrowDownOutlined />} disabled={!canMove} onClick={() => onMove('down')} aria-label="下移" />
          </Tooltip>
          <Button size="small" icon={<DragOutlined />} disabled={!canAddProblem || !canMove} onClick={onMoveTo}>
            移动到…
          </Button>
          <Tooltip title="删除（Ctrl+Delete），可在回收站恢复">
            <Button size="small" danger icon={<DeleteOutlined />} disabled={!canDelete} onClick={onDelete}>
              删除
            </Button>
          </Tooltip>
          <Divider orientation="vertical" />
          <Tooltip title="查找和替换（Ctrl+H）">
            <Button size="small" icon={<FileSearchOutlined />} onClick={onReplace}>
              替换
            </Button>
          </Tooltip>
          <Tooltip title="打印当前视图，可预览、导出 Excel（Ctrl+P）">
            <Button size="small" icon={<PrinterOutlined />} onClick={onPrint}>
              打印
            </Button>
          </Tooltip>
          <Tooltip title="详情面板（Ctrl+Enter）">
            <Button size="small" type={detailOpen ? 'primary' : 'default'} icon={<ProfileOutlined />} onClick={onToggleDetail} aria-pressed={detailOpen}>
              详情
            </Button>
          </Tooltip>
        </>
      )}
      <Button size="small" type={deletedView ? 'primary' : 'default'} icon={<RestOutlined />} onClick={onToggleDeleted} aria-pressed={deletedView}>
        {deletedView ? '返回台账' : '回收站'}
      </Button>
    </Space>
  );
}

/** Redrawn only when its props change: the page passes handlers that stay the same (see LedgerPage). */
export const Toolbar = memo(ToolbarView);
