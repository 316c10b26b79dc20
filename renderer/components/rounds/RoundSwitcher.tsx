import { useState } from 'react';
import { App as AntApp, Select, Tag } from 'antd';
import { call, errorMessage } from '../../api';
import { useLedger } from '../../ledger-context';
import { NewRoundDialog } from './NewRoundDialog';

const NEW = -1;

/** The header's round switcher: every round of the ledger, and 开启新一轮… */
export function RoundSwitcher() {
  const { info } = useLedger();
  const { message } = AntApp.useApp();
  const [dialog, setDialog] = useState(false);
  if (!info?.roundId) return null;
  const select = async (id: number) => {
    if (id === NEW) {
      setDialog(true);
      return;
    }
    if (id === info.roundId) return;
    try {
      const next = await call('rounds.select', { id });
      message.success(`已切换到“${next.round?.title}”`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <>
      <Select
        aria-label="巡察轮次"
        data-testid="round-switcher"
        size="middle"
        value={info.roundId}
        onChange={select}
        style={{ minWidth: 220, maxWidth: 380 }}
        popupMatchSelectWidth={false}
        options={[
          ...info.rounds.map((r) => ({
            value: r.id,
            label: (
              <span>
                <Tag color={r.kind === '回头看' ? 'purple' : r.kind === '专项' ? 'cyan' : 'red'} style={{ marginInlineEnd: 6 }}>
                  {r.kind}
                </Tag>
                {r.title}
              </span>
            ),
          })),
          { value: NEW, label: <span style={{ color: '#1677ff' }}>＋ 开启新一轮（回头看 / 下一轮巡察 / 专项）…</span> },
        ]}
      />
      <NewRoundDialog open={dialog} onClose={() => setDialog(false)} />
    </>
  );
}
