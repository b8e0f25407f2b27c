import electronUpdater from 'electron-updater';
import type { Logger } from '../../ops/logging';

/**
 * Store PCs update themselves from the configured feed (electron-builder's publish
 * settings). A failed check is logged, never shown as a crash; the update installs
 * when the app quits, never in the middle of a sale.
 */
export function checkForUpdates(log: Logger): void {
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.on('error', (err) => log.warn({ err }, 'update check failed'));
  autoUpdater.on('update-downloaded', (info) => log.info({ version: info.version }, 'update downloaded; installs on quit'));
  autoUpdater.checkForUpdates().catch((err: unknown) => log.warn({ err }, 'update check failed'));
}
