/**
 * The two stores behave alike: rows written come back as written, a second write of the same rows adds nothing
 * (natural keys), an outage written twice keeps its widest end, retention deletes old rows, an older schema is
 * migrated and a newer one refused with a message. Every expected number is the count of rows the test wrote.
 */
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import postgres from 'postgres';
import { openStore } from '../../src/lib/server/recorder/open-store.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/lib/server/recorder/schema.ts';
import { emptyBatch, type RecordBatch } from '../../src/lib/server/recorder/store.ts';
import { freshStore, freshTarget, postgresUrl, skipPostgres, STORE_KINDS } from './stores.ts';

const T0 = Date.UTC(2026, 0, 10);

function batchOf(n: number, start = T0): RecordBatch {
	const batch = emptyBatch();
	for (let i = 0; i < n; i++) {
		const time = start + i * 300_000;
		batch.candles.push({ exchange: 'bybit', timeframe: '5m', time, open: 100, high: 110, low: 95, close: 105, volume: 2.5 });
		batch.openInterest.push({ exchange: 'bybit', time, value: 1e9 + i });
		batch.liquidations.push({ exchange: 'bybit', time: time + 1234, side: i % 2 ? 'long' : 'short', price: 100_000.5 + i, amount: 0.123, notional: (100_000.5 + i) * 0.123 });
	}
	batch.funding.push({ exchange: 'bybit', time: start, rate: 0.0001, nextFundingTime: start + 8 * 3_600_000 });
	batch.seen.push({ exchange: 'bybit', time: start + n * 300_000 });
	return batch;
}

describe.each(STORE_KINDS)('%s store', (kind) => {
	it.skipIf(skipPostgres(kind))('stores rows once, reads them back in time order', async () => {
		const store = await freshStore(kind);
		try {
			expect(await store.schemaVersion()).toBe(SCHEMA_VERSION);
			const first = await store.write(batchOf(10));
			expect(first).toEqual({ candles: 10, openInterest: 10, funding: 1, liquidations: 10, outages: 0 });
			// The same rows again: nothing new (natural keys).
			expect(await store.write(batchOf(10))).toEqual({ candles: 0, openInterest: 0, funding: 0, liquidations: 0, outages: 0 });
			const range = { from: T0, to: T0 + 86_400_000 };
			const candles = await store.candles('bybit', '5m', range);
			expect(candles).toHaveLength(10);
			expect(candles[3]).toEqual({ time: T0 + 3 * 300_000, open: 100, high: 110, low: 95, close: 105, volume: 2.5 });
			const prints = await store.liquidations(['bybit'], range);
			expect(prints.map((p) => p.price)).toEqual(Array.from({ length: 10 }, (_, i) => 100_000.5 + i));
			expect(prints[1]).toEqual({ exchange: 'bybit', time: T0 + 300_000 + 1234, side: 'long', price: 100_001.5, amount: 0.123, notional: 100_001.5 * 0.123 });
			// The newest `limit` prints, still oldest first.
			expect((await store.liquidations(['bybit'], range, 3)).map((p) => p.price)).toEqual([100_007.5, 100_008.5, 100_009.5]);
			expect(await store.liquidations(['okx'], range)).toEqual([]);
			expect((await store.openInterest('bybit', range))[9].value).toBe(1e9 + 9);
			expect(await store.funding('bybit', range)).toEqual([{ exchange: 'bybit', time: T0, rate: 0.0001, nextFundingTime: T0 + 8 * 3_600_000 }]);
			expect(await store.latest('bybit', '5m')).toEqual({ candle: T0 + 9 * 300_000, openInterest: T0 + 9 * 300_000, funding: T0, print: T0 + 9 * 300_000 + 1234, lastSeen: T0 + 10 * 300_000 });
			expect(await store.latest('okx', '5m')).toEqual({ candle: null, openInterest: null, funding: null, print: null, lastSeen: null });
			expect(await store.counts()).toEqual({ liquidations: 10, candles: 10, openInterest: 10, funding: 1, outages: 0 });
			expect(await store.sizeBytes()).toBeGreaterThan(0);
		} finally {
			await store.close();
		}
	});

	it.skipIf(skipPostgres(kind))('keeps the widest end of an outage written twice, and deletes rows past the retention', async () => {
		const store = await freshStore(kind);
		try {
			const batch = emptyBatch();
			batch.outages.push({ exchange: 'okx', from: T0, to: T0 + 1000, reason: 'stream-down' }, { exchange: 'okx', from: T0, to: T0 + 5000, reason: 'stream-down' });
			await store.write(batch);
			await store.write({ ...emptyBatch(), outages: [{ exchange: 'okx', from: T0, to: T0 + 2000, reason: 'stream-down' }] });
			expect(await store.outages(['okx'], { from: 0, to: T0 + 10_000 })).toEqual([{ exchange: 'okx', from: T0, to: T0 + 5000, reason: 'stream-down' }]);
			await store.write(batchOf(10));
			// Before T0 + 5 candles: candles, OI and prints 0–4 (5 each) go; the funding at T0 and the outage ending at T0 + 5 s too.
			expect(await store.prune(T0 + 5 * 300_000)).toBe(5 + 5 + 5 + 1 + 1);
			expect(await store.counts()).toEqual({ liquidations: 5, candles: 5, openInterest: 5, funding: 0, outages: 0 });
		} finally {
			await store.close();
		}
	});

	it.skipIf(skipPostgres(kind))('migrates an older schema, keeping its rows, and refuses a newer one with a message', async () => {
		const { target, schema } = freshTarget(kind);
		const v1 = MIGRATIONS[0];
		const insert = "INSERT INTO liquidations VALUES ('bybit', 1767000000000, 'long', 100000, 0.5, 50000)";
		if (kind === 'sqlite') {
			const db = new Database(target);
			db.exec('CREATE TABLE liqmap_schema (version INTEGER NOT NULL)');
			for (const statement of v1.statements) db.exec(statement);
			db.exec(`INSERT INTO liqmap_schema VALUES (1); ${insert}`);
			db.close();
		} else {
			const sql = postgres(postgresUrl()!, { onnotice: () => {} });
			await sql.unsafe(`CREATE SCHEMA ${schema}; SET search_path = ${schema}; CREATE TABLE liqmap_schema (version INTEGER NOT NULL); ${v1.statements.join(';')}; INSERT INTO liqmap_schema VALUES (1); ${insert}`);
			await sql.end();
		}
		const store = await openStore(target, { schema });
		expect(await store.schemaVersion()).toBe(2);
		expect(await store.counts()).toMatchObject({ liquidations: 1 });
		expect(await store.latest('bybit', '5m')).toMatchObject({ print: 1767000000000, lastSeen: null });
		// Written by a "newer liqmap": version 99.
		if (kind === 'sqlite') (store as unknown as { db: Database.Database }).db.exec('UPDATE liqmap_schema SET version = 99');
		else await (store as unknown as { sql: postgres.Sql }).sql.unsafe('UPDATE liqmap_schema SET version = 99');
		await store.close();
		await expect(openStore(target, { schema })).rejects.toThrow(/has schema version 99, newer than this liqmap's 2: it was written by a newer liqmap; upgrade liqmap/);
	});
});
