import { useState } from 'react';
import { Alert, App as AntApp, Button, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { LeaderInfo, UnitInfo } from '../../../shared/domain/types';
import { splitUnits } from '../../../shared/domain/names';
import { call, errorMessage } from '../../api';
import { useLedger } from '../../ledger-context';
import { useAsync } from '../useAsync';

type Kind = 'unit' | 'leader';
type Person = UnitInfo | LeaderInfo;
type Dialog = { what: 'rename' | 'merge'; person: Person } | null;

/**
 * 设置 → 单位 / 责任领导: the records behind the names in the ledger. Each shows the problems that use
 * it; it can be renamed (everywhere at once), merged into another (its problems, aliases and name move
 * over), deleted when nothing uses it, and — a unit named by a list, as earlier versions made them —
 * split into a lead and cooperating units. Every change is one action, undone with Ctrl+Z.
 */
export function PeopleTab({ kind }: { kind: Kind }) {
  const { message, modal } = AntApp.useApp();
  const { version, info } = useLedger();
  const list = useAsync<Person[]>(
    () => (info?.roundId ? call(kind === 'unit' ? 'people.units' : 'people.leaders', {}) : Promise.resolve([])),
    [version, kind, info?.roundId],
  );
  const [alias, setAlias] = useState<Record<number, string>>({});
  const [dialog, setDialog] = useState<Dialog>(null);
  const [text, setText] = useState('');
  const [into, setInto] = useState<number | null>(null);
  const label = kind === 'unit' ? '单位' : '领导';
  const people = list.value ?? [];
  const lists = people.filter((p) => 'looksLikeList' in p && p.looksLikeList);

  const run = async (done: string, p: Promise<unknown>) => {
    try {
      await p;
      message.success(`${done}（Ctrl+Z 可撤销）`);
      return true;
    } catch (e) {
      message.error(errorMessage(e));
      return false;
    }
  };

  const addAlias = async (r: Person) => {
    const a = alias[r.id]?.trim();
    if (!a) return;
    if (await run(`“${a}”已设为“${r.name}”的别名，统计时计为同一${label}`, call('people.addAlias', { kind, name: r.name, alias: a }))) {
      setAlias({ ...alias, [r.id]: '' });
    }
  };

  const open = (what: 'rename' | 'merge', person: Person) => {
    setDialog({ what, person });
    setText(person.name);
    setInto(null);
  };

  const submit = async () => {
    if (!dialog) return;
    const p = dialog.person;
    const ok =
      dialog.what === 'rename'
        ? await run(`已将“${p.name}”更名为“${text.trim()}”，所有问题随之更新`, call('people.rename', { kind, id: p.id, name: text.trim() }))
        : into != null &&
          (await run(
            `已将“${p.name}”合并到“${people.find((x) => x.id === into)?.name ?? ''}”`,
            call('people.merge', { kind, fromId: p.id, intoId: into }),
          ));
    if (ok) setDialog(null);
  };

  const remove = (p: Person) =>
    modal.confirm({
      title: `删除${label}“${p.name}”？`,
      content: '没有问题使用它，删除后可撤销（Ctrl+Z）。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => run(`已删除${label}“${p.name}”`, call('people.delete', { kind, id: p.id })),
    });

  const split = (p: Person) => {
    const [lead, ...rest] = splitUnits(p.name);
    modal.confirm({
      title: `拆分“${p.name}”？`,
      content: `用它作牵头单位的问题改为牵头单位“${lead}”、配合单位“${rest.join('、')}”；用它作配合单位的问题改为这些单位一起配合。涉及：${p.usedBy.join('、') || '无'}。`,
      okText: '拆分',
      cancelText: '取消',
      onOk: () => run(`已拆分“${p.name}”`, call('people.splitList', { id: p.id })),
    });
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {lists.length ? (
        <Alert
          type="warning"
          showIcon
          title={`有 ${lists.length} 个“单位”的名称是多个单位（${lists.map((p) => `“${p.name}”`).join('')}），统计、汇总表和回执模板会把它当成一个单位。请点“拆分”改为牵头单位和配合单位。`}
        />
      ) : null}
      <Table
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={people}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: `${label}名称`,
            dataIndex: 'name',
            render: (name: string, r: Person) => (
              <Space>
                <span>{name}</span>
                {'looksLikeList' in r && r.looksLikeList ? <Tag color="warning">多个单位</Tag> : null}
              </Space>
            ),
          },
          {
            title: '使用它的问题',
            key: 'usedBy',
            width: 260,
            render: (_: unknown, r: Person) =>
              r.usedBy.length ? (
                <Typography.Text title={r.usedBy.join('、')}>
                  {r.usedBy.length} 个：{r.usedBy.slice(0, 6).join('、')}
                  {r.usedBy.length > 6 ? ' 等' : ''}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">未使用</Typography.Text>
              ),
          },
          {
            title: `别名（统计时视为同一${label}）`,
            key: 'aliases',
            render: (_: unknown, r: Person) => (
              <Space wrap>
                {r.aliases.map((a) => (
                  <Typography.Text key={a} code>
                    {a}
                  </Typography.Text>
                ))}
                <Input
                  size="small"
                  style={{ width: 160 }}
                  placeholder="添加别名，回车确认"
                  aria-label={`${r.name}的别名`}
                  value={alias[r.id] ?? ''}
                  onChange={(e) => setAlias({ ...alias, [r.id]: e.target.value })}
                  onPressEnter={() => addAlias(r)}
                />
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 220,
            render: (_: unknown, r: Person) => (
              <Space size={0} wrap>
                {'looksLikeList' in r && r.looksLikeList ? (
                  <Button size="small" type="link" onClick={() => split(r)} aria-label={`拆分“${r.name}”`}>
                    拆分
                  </Button>
                ) : null}
                <Button size="small" type="link" onClick={() => open('rename', r)} aria-label={`更名“${r.name}”`}>
                  更名
                </Button>
                <Button size="small" type="link" onClick={() => open('merge', r)} aria-label={`合并“${r.name}”`} disabled={people.length < 2}>
                  合并到…
                </Button>
                <Button size="small" type="link" danger disabled={r.usedBy.length > 0} title={r.usedBy.length ? '仍有问题使用，不能删除；可先合并' : undefined} onClick={() => remove(r)} aria-label={`删除“${r.name}”`}>
                  删除
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={dialog != null}
        title={dialog ? (dialog.what === 'rename' ? `更名：${dialog.person.name}` : `把“${dialog.person.name}”合并到另一${label}`) : ''}
        okText={dialog?.what === 'merge' ? '合并' : '更名'}
        cancelText="取消"
        okButtonProps={{ disabled: dialog?.what === 'rename' ? !text.trim() || text.trim() === dialog.person.name : into == null }}
        onOk={submit}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        {dialog?.what === 'rename' ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Input autoFocus aria-label="新名称" value={text} onChange={(e) => setText(e.target.value)} onPressEnter={submit} />
            <Typography.Text type="secondary">
              所有问题（{dialog.person.usedBy.length} 个）、统计和导出随之使用新名称；原名称不保留为别名，如需要请另行添加。
            </Typography.Text>
          </Space>
        ) : dialog ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Select
              showSearch
              autoFocus
              aria-label={`合并到的${label}`}
              placeholder={`选择保留的${label}`}
              style={{ width: '100%' }}
              value={into ?? undefined}
              onChange={(v: number) => setInto(v)}
              optionFilterProp="label"
              options={people.filter((p) => p.id !== dialog.person.id && !('looksLikeList' in p && p.looksLikeList)).map((p) => ({ value: p.id, label: p.name }))}
            />
            <Typography.Text type="secondary">
              “{dialog.person.name}”的 {dialog.person.usedBy.length} 个问题和别名转到所选{label}，“{dialog.person.name}”成为它的别名；变更记录保留。
            </Typography.Text>
          </Space>
        ) : null}
      </Modal>
    </Space>
  );
}
