import { useRef, useState, type ReactNode } from 'react';
import { App as AntApp, Modal, Radio, Select, Space, Typography } from 'antd';
import type { NameChoices } from '../../shared/api/problems';
import type { UnitInfo } from '../../shared/domain/types';
import { UNPARSED_DEADLINE_NOTE } from '../../shared/domain/deadline';
import type { Askers } from './answers';

type Choice = { as: 'new' } | { as: 'alias'; of: string | null };

/**
 * The questions a write may need answered, asked once (see answers.ts): for each unit name that matches
 * no unit or alias, “新建单位“…”？” or “是否为“…”的别称？”; for deadline text that cannot be read, whether
 * to keep it as text outside the deadline figures. Returns the askers and the dialog to render.
 */
export function useAskers(units: readonly UnitInfo[]): { askers: Askers; dialog: ReactNode } {
  const { modal } = AntApp.useApp();
  const [names, setNames] = useState<string[] | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const resolver = useRef<((c: NonNullable<NameChoices> | null) => void) | null>(null);

  const finish = (answer: NonNullable<NameChoices> | null) => {
    resolver.current?.(answer);
    resolver.current = null;
    setNames(null);
  };

  const askers: Askers = {
    names: (list) =>
      new Promise((resolve) => {
        resolver.current = resolve;
        setChoices(Object.fromEntries(list.map((n) => [n, { as: 'new' } as Choice])));
        setNames(list);
      }),
    unparsed: (message) =>
      new Promise((resolve) => {
        modal.confirm({
          title: '整改时限无法识别',
          content: (
            <Space orientation="vertical">
              <Typography.Text>{message}</Typography.Text>
              <Typography.Text type="warning">确定后按原文保存：{UNPARSED_DEADLINE_NOTE}（统计页会列出这些问题）。</Typography.Text>
            </Space>
          ),
          okText: '按原文保存',
          cancelText: '返回修改',
          width: 560,
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        });
      }),
  };

  const ok = () => {
    const picked = names ?? [];
    const aliases = picked.flatMap((n) => {
      const c = choices[n];
      return c?.as === 'alias' && c.of ? [{ alias: n, name: c.of }] : [];
    });
    finish({ newUnits: picked.filter((n) => choices[n]?.as !== 'alias'), unitAliases: aliases });
  };
  const incomplete = (names ?? []).some((n) => {
    const c = choices[n];
    return c?.as === 'alias' && !c.of;
  });

  const dialog = (
    <Modal
      open={names != null}
      title={names && names.length === 1 ? `新建单位“${names[0]}”？` : `有 ${names?.length ?? 0} 个单位名称不在单位名单中`}
      okText="确定"
      cancelText="取消"
      okButtonProps={{ disabled: incomplete }}
      onOk={ok}
      onCancel={() => finish(null)}
      width={620}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        多个单位用“、”分隔时，第一个为牵头单位，其余为配合单位。请确认每个名称：新建单位，或是已有单位的别称（统计时计为同一单位）。
      </Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        {(names ?? []).map((n) => {
          const c = choices[n] ?? { as: 'new' };
          return (
            <div key={n} className="name-choice" aria-label={`单位名称“${n}”`} role="group">
              <Typography.Text strong>“{n}”</Typography.Text>
              <Radio.Group
                value={c.as}
                onChange={(e) => setChoices({ ...choices, [n]: e.target.value === 'new' ? { as: 'new' } : { as: 'alias', of: null } })}
                options={[
                  { value: 'new', label: `新建单位“${n}”` },
                  { value: 'alias', label: '是已有单位的别称' },
                ]}
              />
              {c.as === 'alias' ? (
                <Select
                  showSearch
                  aria-label={`“${n}”是哪个单位的别称`}
                  placeholder={`是否为“…”的别称？请选择单位`}
                  style={{ width: 260 }}
                  value={c.of ?? undefined}
                  onChange={(v: string) => setChoices({ ...choices, [n]: { as: 'alias', of: v } })}
                  options={units.filter((u) => !u.looksLikeList).map((u) => ({ value: u.name, label: u.name }))}
                />
              ) : null}
            </div>
          );
        })}
      </Space>
    </Modal>
  );
  return { askers, dialog };
}
