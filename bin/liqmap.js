#!/usr/bin/env node
// Thin launcher: the CLI is TypeScript shared with the app; tsx compiles it on the fly.
import { register } from 'tsx/esm/api';

register();
// A closed pipe (`liqmap … | head`) is not an error worth a stack trace.
process.stdout.on('error', (error) => {
	if (error.code === 'EPIPE') process.exit(0);
	throw error;
});
const { main } = await import('../src/lib/cli/liqmap.ts');
process.exitCode = main(process.argv.slice(2), {
	out: (text) => process.stdout.write(text + '\n'),
	err: (text) => process.stderr.write(text + '\n')
});
