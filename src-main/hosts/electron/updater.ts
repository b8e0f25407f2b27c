import electronUpdater from 'electron-updater';
import type { Logger } from '../../ops/logging';
import type { AppUpdater } from '../../services/sync/updates/update-service';

/**
 * electron-updater behind the update policy's interface (services/sync/updates): the feed is the
 * central server's generic provider, read with this terminal's credential; the download runs in
 * the background; installing is the policy's call (only when the counter is idle), never on quit
 * by itself and never mid-sale. A feed with nothing for this terminal (404) is "no update".
 */
export function electronAppUpdater(log: Logger): AppUpdater {
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.logger = null;
  autoUpdater.on('error', (err) => log.warn({ err }, 'update check failed'));
  return {
    async check(feed) {
      autoUpdater.setFeedURL({ provider: 'generic', url: feed.url });
      autoUpdater.requestHeaders = feed.headers;
      let result;
      try {
        result = await autoUpdater.checkForUpdates();
      } catch (e) {
        if (/\b404\b/.test(String(e))) return null;
        throw e;
      }
      if (!result?.isUpdateAvailable) return null;
      await result.downloadPromise;
      return { version: result.updateInfo.version };
    },
    install() {
      autoUpdater.quitAndInstall(true, true);
    },
  };
}
