#!/usr/bin/env node
// Thin launcher of the compiled command line: `npm run build` (or `npm run build:cli`) writes dist-cli/liqmap.js from
// src/lib/cli/. In a checkout not built yet, the TypeScript source runs through tsx when it is installed (a
// devDependency); without either, one line says how to build, exit code 1.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist-cli/liqmap.js', import.meta.url);
const source = new URL('../src/lib/cli/liqmap.ts', import.meta.url);

async function loadCli() {
	if (existsSync(compiled)) return import(compiled.href);
	try {
		const { register } = await import('tsx/esm/api');
		register();
	} catch {
		process.stderr.write('liqmap: the command line is not built yet: run `npm run build` (or `npm run build:cli`) in the liqmap folder\n');
		process.exit(1);
	}
	return import(source.href);
}

// A closed pipe (`liqmap … | head`) is not an error worth a stack trace.
process.stdout.on('error', (error) => {
	if (error.code === 'EPIPE') process.exit(0);
	throw error;
});
const { main } = await loadCli();
process.exitCode = main(process.argv.slice(2), {
	out: (text) => process.stdout.write(text + '\n'),
	err: (text) => process.stderr.write(text + '\n')
});
