/**
 * `liqmap record` as a process, against the demo market, on both databases: it records the prints the demo's Bybit
 * sends while the test moves the market's time, and exits 0 on SIGTERM after writing what it holds. Expected: the
 * prints a listener of the test's own hub received over the same span (both connected before time moves).
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/lib/server/recorder/open-store.ts';
import { connected, listen, START, stepTo, until } from '../server/streams/demo-harness.ts';
import { byKey, cliTarget, demoFor, freshTarget, skipPostgres, STORE_KINDS } from './stores.ts';

const BIN = new URL('../../bin/liqmap.js', import.meta.url).pathname;
const FIVE_MINUTES = 300_000;

describe.each(STORE_KINDS)('liqmap record on %s', (kind) => {
	const demo = demoFor(kind);

	it.skipIf(skipPostgres(kind))('records every print the stream passes on, and stops cleanly on SIGTERM', async () => {
		const harness = demo();
		const { target, schema } = freshTarget(kind);
		// The schema exists (and is migrated) before the recorder, which connects through the URL's search_path.
		const store = await openStore(target, { schema });
		const listener = listen(harness.hub, ['bybit']);
		await connected(harness, 'bybit', listener, 3);
		const child = spawn(process.execPath, [BIN, 'record', '--source', 'bybit', '--db', cliTarget(kind, target, schema)], {
			env: { ...process.env, ...harness.env },
			stdio: ['ignore', 'ignore', 'pipe']
		});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
		// Recording once its line says so and the demo holds its subscriptions beside the test's own.
		await until(() => stderr.includes('recording Bybit'));
		await until(() => harness.demo.server('bybit').sockets.length >= 2);
		await until(() => harness.demo.server('bybit').sockets.every((s) => s.topics.size >= 3));
		const from = harness.clock.now();
		await stepTo(harness, START + FIVE_MINUTES, listener);
		const seen = listener.of('liquidation').filter((p) => p.time >= from);
		expect(seen.length).toBeGreaterThan(0);
		// The recorder writes every second (its own clock): wait for the rows, then stop it.
		while ((await store.liquidations(['bybit'], { from, to: Number.MAX_SAFE_INTEGER })).length < seen.length) await new Promise((resolve) => setTimeout(resolve, 50));
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
		expect(byKey(await store.liquidations(['bybit'], { from, to: Number.MAX_SAFE_INTEGER }))).toEqual(byKey(seen));
		listener.stop();
		await store.close();
	});
});
