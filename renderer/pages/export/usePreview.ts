import type { ExportPreview, SheetExportRequest } from '../../../shared/api/export';
import { call } from '../../api';
import { useLedger } from '../../ledger-context';
import { useAsync } from '../../components/useAsync';

/** What the chosen export will hold, reloaded when the choice or the ledger changes. */
export function usePreview(request: SheetExportRequest) {
  const { version } = useLedger();
  return useAsync<ExportPreview>(() => call('export.preview', request), [JSON.stringify(request), version]);
}
