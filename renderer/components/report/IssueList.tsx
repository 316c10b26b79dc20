import { Alert, List, Typography } from 'antd';
import type { CellIssue } from '../../../shared/domain/issues';

/** Errors or warnings of one file, each with where it is: 第N行 of a text, 第N段 of a Word document. */
export function IssueList({ issues, type, unit, title }: { issues: CellIssue[]; type: 'error' | 'warning'; unit: '行' | '段'; title: string }) {
  if (!issues.length) return null;
  return (
    <Alert
      type={type}
      showIcon
      style={{ marginBottom: 12 }}
      title={`${title}（${issues.length} 处）`}
      description={
        <List
          size="small"
          dataSource={issues}
          data-testid={`report-${type}s`}
          renderItem={(issue) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Typography.Text>
                {issue.row != null ? <Typography.Text strong>{`第${issue.row}${unit}：`}</Typography.Text> : null}
                {issue.message}
              </Typography.Text>
            </List.Item>
          )}
        />
      }
    />
  );
}
