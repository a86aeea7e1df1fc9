/**
 * Vitest global setup: compiles the command line once before the tests, so that the tests that run `bin/liqmap.js`
 * exercise the JavaScript that ships (`dist-cli/liqmap.js`) built from the source as it is now, never a stale build.
 */
import { execFileSync } from 'node:child_process';

export default function buildCli(): void {
	execFileSync(process.execPath, [new URL('../scripts/build-cli.js', import.meta.url).pathname], { stdio: 'pipe' });
}
