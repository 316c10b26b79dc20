/**
 * What a document that is not a rectification progress report looks like, in words a clerk recognises, so
 * that a refusal says what was chosen ("这是一份会议通知") rather than only "不像".
 */
const KINDS: [RegExp, (title: string) => string][] = [
  [/审计/, (t) => `这份文件像一份审计整改报告${t}（讲的是审计发现的问题），不是巡察或巡视整改进展情况公布。审计整改请另行登记；如选错了文件，请重新选择。`],
  [/会议时间|会议地点|参会人员|参加人员|召开.{0,30}会议的通知/, (t) => `这份文件像一份会议通知${t}（有会议时间、地点或参会人员），不是整改进展情况公布。请确认选择的文件。`],
  [/值班|放假|节假日/, (t) => `这份文件像一份值班或放假通知${t}，不是整改进展情况公布。请确认选择的文件。`],
  [/^关于.{0,40}(?:的)?通知$/m, (t) => `这份文件像一份工作通知${t}，不是整改进展情况公布。请确认选择的文件。`],
];

/**
 * A refusal message when the document is plainly something else (it never mentions 巡察/巡视, or speaks of
 * an audit); with `nothingFound`, also when no problem could be read at all.
 */
export function describeDocument(lines: string[], nothingFound = false): string | null {
  const text = lines.join('\n');
  const inspection = /巡[察视]/.test(text);
  const title = lines[0] && lines[0].length <= 60 ? `“${lines[0]}”` : '';
  if (!inspection || nothingFound) {
    for (const [re, say] of KINDS) if (re.test(text)) return say(title);
  }
  if (!inspection && !/整改/.test(text)) return `这份文件${title}没有提到巡察、巡视或整改，不是整改进展情况公布。请确认选择的文件。`;
  if (nothingFound) {
    return `没有在这份文件${title}中找到巡察反馈的问题及其整改措施，也没有找到公布的整改数字（如“反馈问题32个，已完成整改27个”），不像一份整改进展情况公布。请确认选择的文件。`;
  }
  return null;
}
