/** `staffwell` from the TypeScript sources, for tests that run the CLI as a process (see cli.ts). */
import { main } from '../../src/cli/main.ts';

process.exitCode = await main(process.argv);
