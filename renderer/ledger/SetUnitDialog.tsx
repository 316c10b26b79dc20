import { useState } from 'react';
import { App as AntApp, AutoComplete, Modal } from 'antd';
import type { UnitInfo } from '../../shared/domain/types';
import { call, errorMessage } from '../api';

/** 设置牵头单位… from the right-click menu: one unit for the chosen problems, one action. */
export function SetUnitDialog({ ids, units, onClose }: { ids: number[] | null; units: UnitInfo[]; onClose(): void }) {
  const { message } = AntApp.useApp();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const apply = async () => {
    if (!ids) return;
    setBusy(true);
    try {
      await call('problems.updateMany', { ids, patch: { leadUnit: text.trim() || null } });
      message.success(`已设置 ${ids.length} 个问题的牵头单位（Ctrl+Z 可撤销）`);
      setText('');
      onClose();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={ids != null}
      title={ids ? `设置 ${ids.length} 个问题的牵头单位` : ''}
      okText="确定"
      cancelText="取消"
      confirmLoading={busy}
      onOk={apply}
      onCancel={onClose}
      destroyOnHidden
    >
      <AutoComplete
        autoFocus
        style={{ width: '100%' }}
        aria-label="牵头单位"
        value={text}
        onChange={setText}
        placeholder="输入或选择单位；留空则清除牵头单位"
        options={units.map((u) => ({ value: u.name }))}
        filterOption={(input, o) => String(o?.value ?? '').includes(input.trim())}
      />
    </Modal>
  );
}
