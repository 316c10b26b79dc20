/**
 * Child of cleanup.e2e.ts: start the e2e app, load the page, close. With PROBE_FAIL=1 the browser cannot
 * start (a broken Chromium path): the harness must still remove what it had made.
 */
import { startE2eApp } from './harness';

if (process.env.PROBE_FAIL) {
  try {
    await startE2eApp();
  } catch {
    process.stdout.write('start failed as expected\n');
  }
} else {
  const app = await startE2eApp();
  try {
    await app.service.call('ledger.addSample', {});
    await app.page.goto(app.url);
    await app.page.getByText('市委第三巡察组巡察反馈问题整改（示例）').first().waitFor();
    process.stdout.write('page ready\n');
  } finally {
    await app.close();
  }
}
