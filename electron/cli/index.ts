// Process entry of the bundled CLI (out/cli/moat.cjs).
import { runCli } from './main';

/** Exit only after stdout and stderr are flushed: pipes are asynchronous and process.exit would cut a long report. */
function exitAfterFlush(code: number): void {
  let pending = 2;
  const done = (): void => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
    // serve resolves when told to stop; other commands may leave idle sockets (Docker keep-alive) behind.
    exitAfterFlush(code);
  },
  (err: unknown) => {
    process.stderr.write(`moat: ${(err as Error).stack ?? String(err)}\n`);
    exitAfterFlush(2);
  },
);
