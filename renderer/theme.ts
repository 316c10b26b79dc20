import type { ThemeConfig } from 'antd';

/** Calm blue for actions; red is kept for what needs attention (overdue). */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d5bb8',
    borderRadius: 4,
    fontSize: 14,
    fontFamily:
      "-apple-system, 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
};
