import { Alert, List, Typography } from 'antd';
import type { CellIssue } from '../../shared/domain/issues';

/** Where an issue is, as a clerk reads a sheet: 工作表“回执” 第3行 C列. */
export function issuePlace(i: CellIssue): string {
  const parts = [i.sheet && `工作表“${i.sheet}”`, i.row != null && `第${i.row}行`, i.column && `${i.column}列`].filter(Boolean);
  return parts.join(' ');
}

/**
 * The errors or warnings of one file, each with where it is: by default its sheet, row and column; a
 * text file says 第N行, a Word document 第N段 (pass `place`).
 */
export function IssueAlert({
  issues,
  type,
  title,
  place = issuePlace,
  testIdPrefix = 'import',
}: {
  issues: CellIssue[];
  type: 'error' | 'warning';
  title: string;
  place?: (issue: CellIssue) => string;
  testIdPrefix?: string;
}) {
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
          data-testid={`${testIdPrefix}-${type}s`}
          pagination={issues.length > 8 ? { pageSize: 8, size: 'small' } : false}
          renderItem={(issue) => {
            const where = place(issue);
            return (
              <List.Item style={{ paddingInline: 0 }}>
                <Typography.Text>
                  {where ? <Typography.Text strong>{`${where}：`}</Typography.Text> : null}
                  {issue.message}
                </Typography.Text>
              </List.Item>
            );
          }}
        />
      }
    />
  );
}
