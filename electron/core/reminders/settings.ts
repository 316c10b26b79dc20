import type { Db } from '../db/open';
import { getMeta, setMeta } from '../ledger/meta';
import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from '../../../shared/domain/reminders';

const KEY = 'reminder_settings';

export function getReminderSettings(db: Db): ReminderSettings {
  const raw = getMeta(db, KEY);
  if (!raw) return { ...DEFAULT_REMINDER_SETTINGS };
  try {
    const v = JSON.parse(raw) as Partial<ReminderSettings>;
    return { ...DEFAULT_REMINDER_SETTINGS, ...v };
  } catch {
    return { ...DEFAULT_REMINDER_SETTINGS };
  }
}

/** Must run inside an action. */
export function setReminderSettings(db: Db, patch: Partial<ReminderSettings>): ReminderSettings {
  const next = { ...getReminderSettings(db), ...patch };
  setMeta(db, KEY, JSON.stringify(next));
  return next;
}
