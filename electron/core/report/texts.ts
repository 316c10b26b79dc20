export { REPORT_TEXT_KEYS, sectionsOf, type ReportSection } from '../../../shared/domain/reportTexts';
