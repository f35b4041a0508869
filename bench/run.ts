// `npm run bench [-- --small] [--rounds N]`: scan-vs-floor on moat-test/debian-vuln's tarball and a generated image.
import { parseArgs } from 'node:util';
import { ensureTestImages } from '../test/setup/test-images';
import { FULL, SMALL, generatedImage } from './gen-image';
import { formatRows, scanVsFloor, type BenchRow } from './scan-vs-floor';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { small: { type: 'boolean', default: false }, rounds: { type: 'string', default: '3' } },
    strict: true,
  });
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new Error(`--rounds must be a whole number >= 1, not "${values.rounds}"`);
  const log = (s: string): void => void process.stderr.write(`${s}\n`);
  const rows: BenchRow[] = [];
  let debian: string | undefined;
  try {
    debian = ensureTestImages().debianVuln.archive;
  } catch (e) {
    log(`skipping moat-test/debian-vuln: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (debian) {
    log('measuring moat-test/debian-vuln…');
    rows.push(scanVsFloor('moat-test/debian-vuln', debian, rounds));
  }
  const spec = values.small ? SMALL : FULL;
  const generated = await generatedImage(spec, log);
  log(`measuring generated ${spec.label} image…`);
  rows.push(scanVsFloor(`generated (${spec.label})`, generated, rounds));
  process.stdout.write(`${formatRows(rows)}\n`);
  process.stdout.write(
    `floor = stream-decompress + tar-parse of every layer; cold = scanImage with all analyzers into an empty layer cache; warm = the same scan again (all layers cached). Each phase runs in its own process; RSS is its peak. ${rounds} interleaved rounds: times are each phase's median, ratios the median of the rounds' ratios.\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
