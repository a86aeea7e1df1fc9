#!/usr/bin/env node
/**
 * Compiles the command line (`src/lib/cli/liqmap.ts` and everything it imports) to one JavaScript module,
 * `dist-cli/liqmap.js`, so that `bin/liqmap.js` runs plain Node: no TypeScript compiler at run time. Rolldown comes
 * with vite. The runtime dependencies (ccxt, technicalindicators, better-sqlite3, postgres) and Node's own modules stay imports.
 * Run by `npm run build` (and `npm run build:cli` alone, about a second).
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}dist-cli`;

rmSync(outDir, { recursive: true, force: true });
await build({
	cwd: root,
	input: 'src/lib/cli/liqmap.ts',
	platform: 'node',
	external: [/^node:/, 'ccxt', 'technicalindicators', 'ws', 'better-sqlite3', 'postgres'],
	logLevel: 'warn',
	output: {
		file: `${outDir}/liqmap.js`,
		format: 'esm',
		banner: '// Built by scripts/build-cli.js from src/lib/cli/liqmap.ts: edit the source, then `npm run build:cli`.'
	}
});
console.log('built dist-cli/liqmap.js');
