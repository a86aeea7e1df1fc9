/**
 * kill -9 during a batch, on both databases: a child process writes batches of 2,000 candles and 2,000 prints and is
 * killed (SIGKILL) while its fourth batch is inside its transaction (it says so and waits there:
 * `fixtures/batch-writer.ts`). Afterwards the database holds exactly the three committed batches, no row of the
 * fourth, and writing all four again (a restart) adds exactly the fourth: no partial and no duplicate rows.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/lib/server/recorder/open-store.ts';
import { freshTarget, skipPostgres, STORE_KINDS } from './stores.ts';

const WRITER = fileURLToPath(new URL('./fixtures/batch-writer.ts', import.meta.url));
const SIZE = 2000;

/** Runs the writer; resolves with its output lines when it exits (or is killed when it says `inside`). */
function runWriter(target: string, schema: string | undefined, batches: number, pauseAt: number): Promise<{ lines: string[]; signal: NodeJS.Signals | null; code: number | null }> {
	const child = spawn(process.execPath, ['--import', 'tsx', WRITER, target, schema ?? '-', String(SIZE), String(batches), String(pauseAt)], { stdio: ['ignore', 'pipe', 'inherit'] });
	const lines: string[] = [];
	createInterface({ input: child.stdout }).on('line', (line) => {
		lines.push(line);
		if (line.startsWith('inside')) child.kill('SIGKILL');
	});
	return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ lines, signal, code })));
}

describe.each(STORE_KINDS)('kill -9 during a batch on %s', (kind) => {
	it.skipIf(skipPostgres(kind))('leaves the committed batches whole and nothing of the one in flight', async () => {
		const { target, schema } = freshTarget(kind);
		const killed = await runWriter(target, schema, 4, 3);
		expect(killed.signal).toBe('SIGKILL');
		expect(killed.lines).toEqual(['committed 0', 'committed 1', 'committed 2', 'inside 3']);

		const store = await openStore(target, { schema });
		// 3 committed batches × 2,000 rows of each kind.
		expect(await store.counts()).toMatchObject({ candles: 3 * SIZE, liquidations: 3 * SIZE });
		await store.close();

		const rerun = await runWriter(target, schema, 4, -1);
		expect(rerun.code).toBe(0);
		const after = await openStore(target, { schema });
		expect(await after.counts()).toMatchObject({ candles: 4 * SIZE, liquidations: 4 * SIZE });
		await after.close();
	});
});
