// Electron shell: one window over the same console the web mode serves; IPC is a thin adapter over dispatch.
import path from 'node:path';
import { app, BrowserWindow, ipcMain, session, type IpcMainInvokeEvent } from 'electron';
import { TOPICS } from '../api/channels';
import { toErrorBody } from '../api/errors';
import { CSP } from '../server/web-server';
import { composeConsole, type Console } from './compose';

let consoleApp: Console | undefined;
let window: BrowserWindow | undefined;

function rendererUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? `file://${path.join(__dirname, '../renderer/index.html')}`;
}

/** Only our own top frame, loaded from our own origin, may call the API (VS Code's validated IPC). */
function fromOwnFrame(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!window || !frame || event.sender !== window.webContents || frame !== window.webContents.mainFrame)
    return false;
  const expected = new URL(rendererUrl());
  const actual = new URL(frame.url);
  return actual.protocol === expected.protocol && actual.host === expected.host;
}

function createWindow(): void {
  window = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'Moat',
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (e, url) => {
    if (!url.startsWith(rendererUrl().split('#')[0])) e.preventDefault();
  });
  void window.loadURL(rendererUrl());
  window.on('closed', () => (window = undefined));
}

void app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  consoleApp = composeConsole({ electronUserData: app.getPath('userData') });
  const c = consoleApp;
  ipcMain.handle('moat:invoke', async (event, channel: unknown, params: unknown) => {
    if (!fromOwnFrame(event)) return toErrorBody(new Error('IPC from a foreign frame refused'));
    try {
      return { result: await c.dispatch(String(channel), params) };
    } catch (err) {
      return toErrorBody(err);
    }
  });
  for (const topic of TOPICS) {
    c.bus.subscribe(topic, (payload) => window?.webContents.send('moat:event', topic, payload));
  }
  createWindow();
});

app.on('window-all-closed', () => {
  consoleApp?.close();
  app.quit();
});
