/**
 * Child process of archives.test.ts: reads one crafted archive with the reader named on the command line and
 * prints {outcome, message, maxRssMb} as JSON. Peak memory is measured here, apart from the test runner.
 */
import { readFileSync } from 'node:fs';
import { readXlsx } from '../../src/data/xlsx.ts';
import { parseTranscript } from '../../src/qual/transcripts/index.ts';
import { importQdpx } from '../../src/refi/index.ts';

const [kind, path] = process.argv.slice(2);
let outcome = 'ok';
let message = '';
try {
  if (kind === 'qdpx') importQdpx(readFileSync(path), {}, path);
  else if (kind === 'docx') await parseTranscript({ name: path, bytes: readFileSync(path) });
  else if (kind === 'xlsx') await readXlsx(path);
  else throw new Error(`unknown kind ${kind}`);
} catch (e) {
  outcome = (e as Error).name;
  message = (e as Error).message;
}
process.stdout.write(JSON.stringify({ outcome, message, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
