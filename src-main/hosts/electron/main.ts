import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, screen, session, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../api/channels';
import { Connection } from '../../api/connection';
import { createDispatcher } from '../../api/dispatcher';
import { createServices, type Services } from '../../services';
import { APP_VERSION } from '../../version';
import { APP_ID, parseHostArgs } from '../shared/data-dir';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { startProblem } from '../shared/start-errors';
import { electronAppUpdater } from './updater';

const here = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_INDEX = path.join(here, '../renderer/index.html');
const RENDERER_URL = pathToFileURL(RENDERER_INDEX).href;

app.setName(APP_ID);
const args = parseHostArgs(process.argv.slice(1));
app.setPath('userData', args.dataDir);

if (!app.requestSingleInstanceLock()) {
  console.error('Counter POS is already running on this computer.');
  app.quit();
} else {
  void app.whenReady().then(start);
}

let services: Services | undefined;
const connections = new Map<number, Connection>();

async function start(): Promise<void> {
  try {
    services = await createServices({ dataDir: args.dataDir, host: 'electron', version: APP_VERSION, demo: args.demo });
  } catch (e) {
    dialog.showErrorBox('Counter POS', startProblem(e) ?? `Counter POS could not start: ${String(e)}`);
    app.exit(1);
    return;
  }
  const dispatch = createDispatcher(services);

  // The CSP as a header too (the page also carries it in a meta tag).
  session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }),
  );
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  ipcMain.handle(IPC_INVOKE, (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    const connection = connections.get(event.sender.id);
    // Only our own page, in our own window, may call main.
    if (!connection || event.senderFrame?.url !== RENDERER_URL) {
      services?.log.warn({ url: event.senderFrame?.url }, 'IPC refused: unknown sender');
      return { ok: false, error: { code: 'FORBIDDEN', message: { en: 'Refused.', 'zh-CN': '已拒绝。' }, params: {} } };
    }
    return connection.call(String(method), input);
  });

  createWindow(dispatch);
  // The customer-facing display: a second window, on the second screen when there is one.
  createWindow(dispatch, 'customer');
  app.on('second-instance', () => BrowserWindow.getAllWindows().find((w) => !w.getTitle().includes('customer'))?.focus());
  // Updates come from the central server's feed and install only when the counter is idle.
  if (app.isPackaged) services.updates.attach(electronAppUpdater(services.log));
}

function createWindow(dispatch: ReturnType<typeof createDispatcher>, kind: 'counter' | 'customer' = 'counter'): void {
  const external = kind === 'customer' ? screen.getAllDisplays().find((d) => d.id !== screen.getPrimaryDisplay().id) : undefined;
  const win = new BrowserWindow({
    width: kind === 'customer' ? 1024 : 1280,
    height: kind === 'customer' ? 768 : 800,
    ...(external ? { x: external.bounds.x, y: external.bounds.y, fullscreen: true } : {}),
    minWidth: 1024,
    minHeight: 700,
    title: kind === 'customer' ? 'Counter POS · customer display' : 'Counter POS',
    icon: path.join(here, '../../resources/icon.png'),
    show: false,
    webPreferences: {
      preload: path.join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  const wc = win.webContents;
  const connection = new Connection(services!, dispatch, (frame) => {
    if (frame.type === 'event' && !wc.isDestroyed()) wc.send(IPC_EVENT, frame.event, frame.payload);
  });
  connections.set(wc.id, connection);
  wc.on('will-navigate', (e) => e.preventDefault());
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.on('closed', () => {
    connection.close();
    connections.delete(wc.id);
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(RENDERER_INDEX, kind === 'customer' ? { search: 'display=customer' } : undefined);
}

app.on('window-all-closed', () => {
  void services?.close().finally(() => app.quit());
});
