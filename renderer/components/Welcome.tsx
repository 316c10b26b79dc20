import { App as AntApp, Button, Card, Space, Typography } from 'antd';
import { ExperimentOutlined, FileExcelOutlined, FileTextOutlined, PlusOutlined, RestOutlined } from '@ant-design/icons';
import { call, errorMessage } from '../api';
import { navigate } from '../router';
import { useLedger } from '../ledger-context';

/**
 * What a newcomer sees in an empty ledger: the ways to start. `onOpenRecycleBin`: the ledger's categories
 * were deleted and can be restored from there.
 */
export function Welcome({ onOpenRecycleBin }: { onOpenRecycleBin?: () => void } = {}) {
  const { message } = AntApp.useApp();
  const { info } = useLedger();
  const addSample = async () => {
    try {
      // The sample opens as its own file (示例台账.zgtz): the clerk's own ledger stays empty for real work.
      await call('ledger.openSample', {});
      message.success('已打开示例台账（单独的文件“示例台账”），可以随意修改试用；你自己的台账不受影响。');
      navigate('ledger');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const newRound = async () => {
    try {
      if (!info?.roundId) await call('rounds.create', { title: '巡察反馈问题整改' });
      await call('categories.create', { title: '（请填写反馈问题类别）' });
      navigate('ledger');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Card style={{ maxWidth: 760, margin: '48px auto' }}>
      <Typography.Title level={3}>欢迎使用整改台账</Typography.Title>
      <Typography.Paragraph type="secondary">
        这个台账还没有问题。可以从各部门常用的表格开始，也可以先用示例台账熟悉功能。所有数据只保存在本机的台账文件中。
      </Typography.Paragraph>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {onOpenRecycleBin ? (
          <Button block size="large" icon={<RestOutlined />} onClick={onOpenRecycleBin}>
            打开回收站：恢复已删除的问题类别
          </Button>
        ) : null}
        <Button block size="large" icon={<FileExcelOutlined />} onClick={() => navigate('import')}>
          导入整改台账总表（Excel）
        </Button>
        <Button block size="large" icon={<FileTextOutlined />} onClick={() => navigate('import')}>
          导入已公布的整改进展情况（Word 或文本）
        </Button>
        <Button block size="large" icon={<PlusOutlined />} onClick={newRound}>
          手动新建：从第一个问题类别开始
        </Button>
        <Button block size="large" type="primary" icon={<ExperimentOutlined />} onClick={addSample}>
          创建示例台账（单独的文件，不影响你的台账）
        </Button>
      </Space>
    </Card>
  );
}
