// `moat serve`: the console headless, as a web app for a VM reached over SSH.
import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { UsageError } from '../command';
import { composeConsole } from '../../main/compose';
import { rendererDir } from '../../paths';
import { startWebServer } from '../../server/web-server';
import { newToken } from '../../server/auth';
import { hashCredentials, type Credentials } from '../../server/credentials';
import fs from 'node:fs';
import path from 'node:path';
import { removeConsoleFile, writeConsoleFile } from '../console-file';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the console as a web app (loopback only unless --host says otherwise)',
  usage:
    'moat serve [--host 127.0.0.1] [--port 8083]\n\nMOAT_USER and MOAT_PASSWORD, when set, create an account CI tools can log in with (moat images scan -u -p).',
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '8083' } },
      strict: true,
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be 0–65535, got "${values.port}"`);
    const dir = rendererDir();
    if (!fs.existsSync(path.join(dir, 'index.html'))) {
      io.stderr.write(
        `moat serve: the console UI is not built (${dir} is missing); run "npm run build" first\n`,
      );
      return 2;
    }
    const app = composeConsole();
    const token =
      process.env.MOAT_TOKEN && process.env.MOAT_TOKEN.length >= 16 ? process.env.MOAT_TOKEN : newToken();
    let server;
    try {
      server = await startWebServer({
        dispatch: app.dispatch,
        bus: app.bus,
        token,
        rendererDir: dir,
        backup: () => app.services.system.backupFile(),
        host: values.host!,
        port,
        ...credentialsFromEnv(),
      });
    } catch (err) {
      app.close();
      io.stderr.write(`moat serve: cannot listen on ${values.host}:${port}: ${(err as Error).message}\n`);
      return 2;
    }
    if (values.host !== '127.0.0.1' && values.host !== 'localhost' && values.host !== '::1') {
      io.stderr.write(
        `warning: listening on ${values.host}, reachable from other machines; keep the token secret\n`,
      );
    }
    // Lets `moat models` / `moat audits` in another SSH session find this console without flags; written
    // before the URL is printed so that whoever sees the URL also finds the file.
    writeConsoleFile(app.dataDir, { url: server.url, token, pid: process.pid });
    io.stdout.write(
      `Moat console is running (data: ${app.dataDir}).\nOpen this URL in a browser:\n\n    ${server.loginUrl}\n\n`,
    );
    const p = new URL(server.url).port;
    io.stdout.write(
      `Over SSH, forward the port first: ssh -L ${p}:127.0.0.1:${p} user@vm\nPress Ctrl+C to stop.\n`,
    );
    // Sensors attach after the URL is up (bpftrace takes a moment); say what runtime defense ended up doing.
    void app.runtimeReady.then(() => {
      const rt = app.services.runtime.status();
      io.stdout.write(
        rt.mode === 'off' || rt.phase === 'waiting'
          ? `Runtime defense is off: ${rt.reason}.${rt.enableCommand ? ` Turn it on with: ${rt.enableCommand}` : ''}\n`
          : `Runtime defense: ${rt.phase}${rt.backend ? `, ${rt.backend} sensor` : ''} (${rt.reason}).\n`,
      );
    });
    await new Promise<void>((resolve) => {
      const stop = (): void => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    removeConsoleFile(app.dataDir);
    await server.close();
    app.close();
    return 0;
  },
};

/** MOAT_USER and MOAT_PASSWORD give the console an account for `moat images scan -u … -p …` (like twistcli). */
function credentialsFromEnv(): { credentials?: Credentials } {
  const user = process.env.MOAT_USER;
  const password = process.env.MOAT_PASSWORD;
  if (!user || !password) return {};
  return { credentials: hashCredentials(user, password) };
}
