import { useEffect, useState } from 'react';
import { App as AntApp, Button, Card, Input, Space, Typography } from 'antd';
import { call, errorMessage } from '../../api';
import { useLedger } from '../../ledger-context';
import { useAsync } from '../useAsync';

/**
 * 本机填报人: the clerk's name and unit, asked once and kept in the ledger for this computer. The change
 * history and the sign-off steps record this name instead of the computer's login.
 */
export function ClerkCard() {
  const { message } = AntApp.useApp();
  const { version } = useLedger();
  const clerk = useAsync(() => call('people.clerk', {}), [version]);
  const [name, setName] = useState('');
  const [unit, setUnit] = useState('');
  useEffect(() => {
    if (!clerk.value) return;
    setName(clerk.value.name);
    setUnit(clerk.value.unit);
  }, [clerk.value]);

  const save = async () => {
    try {
      await call('people.setClerk', { name: name.trim(), unit: unit.trim() });
      message.success(`本机填报人已设为“${name.trim()}”，此后的变更记录和销号步骤记录此姓名`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Card title="本机填报人" size="small">
      {clerk.value && !clerk.value.name ? (
        <Typography.Paragraph type="warning">
          还没有填写本机填报人：变更记录目前记为电脑登录名“{clerk.value.login || '（未知）'}”。请填写您的姓名和单位。
        </Typography.Paragraph>
      ) : null}
      <Space wrap>
        <Input aria-label="填报人姓名" placeholder="姓名" style={{ width: 160 }} value={name} maxLength={50} onChange={(e) => setName(e.target.value)} />
        <Input aria-label="填报人单位" placeholder="单位，如：局办公室" style={{ width: 220 }} value={unit} maxLength={100} onChange={(e) => setUnit(e.target.value)} onPressEnter={save} />
        <Button type="primary" onClick={save} disabled={!name.trim() || (name.trim() === clerk.value?.name && unit.trim() === clerk.value?.unit)}>
          保存
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        保存在本台账中、仅对这台电脑有效：同一台账在另一台电脑上打开时，请在那里填写那位同事的姓名。
      </Typography.Paragraph>
    </Card>
  );
}
