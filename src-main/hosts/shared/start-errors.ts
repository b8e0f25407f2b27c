import { DatabaseNewerThanAppError } from '../../ledger/database';
import { AlreadyRunningError } from '../../ops/instance-lock';
import { SettingsFileError } from '../../ops/settings-file';

/** Start-up failures a person can fix (another instance, a bad settings file, an old app): message only, no stack. */
export function startProblem(e: unknown): string | null {
  if (e instanceof AlreadyRunningError || e instanceof SettingsFileError || e instanceof DatabaseNewerThanAppError) return e.message;
  return null;
}
