/**
 * The recorder's faults, driven by hand (a manual clock and a source the test feeds; no wall clock):
 * - a write that fails (SQLite locked by another connection or full; PostgreSQL's connection lost) keeps the rows,
 *   is retried after the backoff (1 s, then 2 s…), while new data fills the bounded buffer; what does not fit is
 *   counted and stored as a `buffer-full` outage once writing works again;
 * - malformed prints are dropped and counted, duplicates are counted (the database skips them).
 * Expected counts are the events the test fed.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/lib/server/recorder/open-store.ts';
import { Recorder, type RecorderSource } from '../../src/lib/server/recorder/recorder.ts';
import type { SqliteStore } from '../../src/lib/server/recorder/sqlite-store.ts';
import type { RecordStore } from '../../src/lib/server/recorder/store.ts';
import type { StreamEvent } from '../../src/lib/stream-types.ts';
import { ManualClock } from '../server/streams/manual-clock.ts';
import { TcpProxy } from './tcp-proxy.ts';
import { freshStore, freshTarget, postgresUrl, skipPostgres, STORE_KINDS } from './stores.ts';

const T0 = Date.UTC(2026, 0, 10);
const RANGE = { from: 0, to: T0 + 86_400_000 };

class FedSource implements RecorderSource {
	readonly clock = new ManualClock(T0);
	listener: ((event: StreamEvent) => void) | null = null;
	subscribe(_ids: unknown, _timeframe: unknown, listener: (event: StreamEvent) => void) {
		this.listener = listener;
		return () => (this.listener = null);
	}
	print(i: number, overrides: Record<string, unknown> = {}): void {
		const price = 100_000 + i;
		this.listener!({ type: 'liquidation', data: { time: T0 + i * 1000, exchange: 'bybit', side: 'long', price, amount: 0.5, notional: price * 0.5, ...overrides } as never });
	}
}

async function recorderOn(store: RecordStore, bufferMax = 10) {
	const source = new FedSource();
	const recorder = new Recorder(store, source, ['bybit'], { bufferMax, flushMs: 60_000 });
	await recorder.start();
	return { source, recorder };
}

/** Feeds prints 0–5, fails the write, feeds 6–14 into a buffer of 10 (5 overflow), heals, checks the outcome. */
async function failThenRecover(store: RecordStore, fail: () => void | Promise<void>, heal: () => void | Promise<void>, error: RegExp) {
	const { source, recorder } = await recorderOn(store);
	for (let i = 0; i < 6; i++) source.print(i);
	await fail();
	await recorder.flush();
	expect(recorder.status()).toMatchObject({ state: 'retrying', buffered: 6, failures: 1 });
	expect(recorder.status().lastError).toMatch(error);
	expect(recorder.status().lastError).toMatch(/retrying in 1 s$/);
	// Prints 6–9 fill the buffer (10); 10–14 overflow.
	for (let i = 6; i < 15; i++) source.print(i);
	expect(recorder.status()).toMatchObject({ buffered: 10, dropped: { overflow: 5 } });
	// Within the backoff nothing is tried.
	source.clock.advanceTo(T0 + 999);
	await recorder.flush();
	expect(recorder.status().failures).toBe(1);
	await heal();
	source.clock.advanceTo(T0 + 1000);
	await recorder.flush();
	expect(recorder.status()).toMatchObject({ state: 'recording', buffered: 0, failures: 0, lastError: null });
	const prints = await store.liquidations(['bybit'], { from: T0, to: RANGE.to });
	expect(prints.map((p) => p.price - 100_000)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
	// The dropped prints 10–14 (times T0 + 10 s … T0 + 14 s, the clock at T0 then) as one outage.
	expect(await store.outages(['bybit'], RANGE)).toEqual([{ exchange: 'bybit', from: T0, to: T0 + 14_000, reason: 'buffer-full' }]);
	await recorder.stop();
}

describe('SQLite faults', () => {
	it('a database locked by another connection: retried with backoff, the buffer bounded', async () => {
		const { target } = freshTarget('sqlite');
		const store = await openStore(target, { busyTimeoutMs: 0 });
		const other = new Database(target);
		await failThenRecover(
			store,
			() => void other.exec('BEGIN IMMEDIATE'),
			() => void other.exec('COMMIT'),
			/failed: database is locked/
		);
		other.close();
		await store.close();
	});

	it('a full database: retried once there is room', async () => {
		const store = await freshStore('sqlite');
		const db = (store as unknown as SqliteStore).db;
		const fill = () => {
			// No page more than it has, and the free space filled: prints older than the test's (so the test's rows go
			// after them, on the last page, which is full), then blobs down to one byte.
			db.exec('CREATE TABLE IF NOT EXISTS filler (x BLOB)');
			db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
			const fillWith = (insert: () => void) => {
				for (;;) {
					try {
						insert();
					} catch {
						return;
					}
				}
			};
			let time = T0 - 1e9;
			const print = db.prepare("INSERT INTO liquidations VALUES ('bybit', ?, 'long', 1, 1, 1)");
			fillWith(() => print.run(time++));
			for (const size of [512, 64, 8, 1]) fillWith(() => db.prepare(`INSERT INTO filler VALUES (randomblob(${size}))`).run());
		};
		await failThenRecover(
			store,
			fill,
			() => void db.pragma('max_page_count = 1073741823'),
			/failed: database or disk is full/
		);
		await store.close();
	});
});

describe('PostgreSQL faults', () => {
	it.skipIf(postgresUrl() === null)('a lost connection: retried with backoff on a new connection', async () => {
		const url = new URL(postgresUrl()!);
		const proxy = await TcpProxy.start(url.hostname, Number(url.port));
		const proxied = new URL(url);
		proxied.port = String(proxy.port);
		const { schema } = freshTarget('postgres');
		const store = await openStore(proxied.toString(), { schema, connectTimeoutSec: 2 });
		await failThenRecover(store, () => proxy.cut(), () => proxy.heal(), /failed: .*(CONNECTION|ECONNRESET|closed|terminat)/i);
		await store.close();
		await proxy.close();
	});
});

describe.each(STORE_KINDS)('bad prints on %s', (kind) => {
	it.skipIf(skipPostgres(kind))('drops malformed prints and counts them; counts duplicates the database skipped', async () => {
		const store = await freshStore(kind);
		const { source, recorder } = await recorderOn(store, 1000);
		source.print(0);
		source.print(1, { side: 'sideways' });
		source.print(2, { price: Number.NaN });
		source.print(3, { amount: -1 });
		source.print(4, { notional: Infinity });
		source.print(5, { exchange: 'okx' });
		source.print(6, { time: 0 });
		source.print(7);
		source.print(7);
		await recorder.drain();
		source.print(0);
		await recorder.drain();
		// 6 malformed (1–6), duplicates: 7 twice in one batch, 0 again in a later one.
		expect(recorder.status()).toMatchObject({ dropped: { malformed: 6, duplicate: 2, overflow: 0 }, written: { liquidations: 2 } });
		expect((await store.liquidations(['bybit', 'okx'], RANGE)).map((p) => p.price - 100_000)).toEqual([0, 7]);
		await recorder.stop();
		await store.close();
	});
});

describe('stream outages', () => {
	it('stores each closed outage of a stream once, however many status events repeat it; an open one waits for its end', async () => {
		const store = await freshStore('sqlite');
		const { source, recorder } = await recorderOn(store, 100);
		const status = (outages: { from: number; to: number | null }[]) =>
			source.listener!({
				type: 'status',
				data: { exchange: 'bybit', name: 'Bybit', state: 'connected', reason: null, outages: outages.map((o) => ({ exchange: 'bybit', ...o })), dropped: { malformed: 0, duplicate: 0, outOfOrder: 0 }, notes: [] }
			});
		status([{ from: T0 + 1000, to: null }]);
		await recorder.drain();
		expect(await store.outages(['bybit'], RANGE)).toEqual([]);
		status([{ from: T0 + 1000, to: T0 + 9000 }]);
		status([{ from: T0 + 1000, to: T0 + 9000 }]);
		await recorder.drain();
		expect(await store.outages(['bybit'], RANGE)).toEqual([{ exchange: 'bybit', from: T0 + 1000, to: T0 + 9000, reason: 'stream-down' }]);
		expect(recorder.status().written.outages).toBe(1);
		await recorder.stop();
		await store.close();
	});
});
