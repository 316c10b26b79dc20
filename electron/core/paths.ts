import os from 'node:os';
import path from 'node:path';

export const APP_NAME = '整改台账';
export const LEDGER_EXT = '.zgtz';
export const DEFAULT_LEDGER_NAME = `我的台账${LEDGER_EXT}`;

/**
 * The user's data folder, the same one Electron's app.getPath('userData') gives for this app (main sets it
 * explicitly to this value), so that the desktop app, the web host and the command line share one default
 * ledger. LEDGER_DATA_DIR overrides it (tests, portable use).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (env.LEDGER_DATA_DIR) return path.resolve(env.LEDGER_DATA_DIR);
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_NAME);
}

export function defaultLedgerPath(dataDir: string): string {
  return path.join(dataDir, DEFAULT_LEDGER_NAME);
}
