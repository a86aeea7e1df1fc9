/**
 * `liqmap export`, `liqmap calibrate --realised` and `liqmap record --status` through the built command line
 * (`bin/liqmap.js`), on both databases. The database is filled by the test: the embedded sample's last 3,000
 * 5-minute candles as Bybit's, one print per candle after the first 400 (seeded, at random in the candle's range), and
 * one outage. Expected values: the rows written, and the same calibration run in-process.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAnalysisParams } from '../../src/lib/core/analysis/params.ts';
import { seededRandom } from '../../src/lib/core/market/synthetic.ts';
import { realisedFromStore, realisedToJson } from '../../src/lib/cli/recorder-commands.ts';
import { openStore } from '../../src/lib/server/recorder/open-store.ts';
import { emptyBatch, type RecordStore } from '../../src/lib/server/recorder/store.ts';
import { sampleCandles } from '../../src/lib/server/sample-source.ts';
import { cliTarget, freshTarget, skipPostgres, STORE_KINDS } from './stores.ts';

const run = promisify(execFile);
const BIN = new URL('../../bin/liqmap.js', import.meta.url).pathname;

async function liqmap(...args: string[]) {
	try {
		const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { maxBuffer: 64 * 1024 * 1024 });
		return { code: 0, stdout, stderr };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
	}
}

const candles = sampleCandles().slice(-3000);
const OUTAGE = { exchange: 'bybit' as const, from: candles[1000].time + 60_000, to: candles[1011].time + 60_000, reason: 'stream-down' as const };

async function fill(store: RecordStore): Promise<void> {
	const random = seededRandom(3);
	const batch = emptyBatch();
	batch.candles = candles.map((c) => ({ ...c, exchange: 'bybit', timeframe: '5m' }));
	for (const c of candles.slice(400)) {
		const price = Math.round((c.low + random() * (c.high - c.low)) * 10) / 10;
		const amount = Math.round((0.01 + random()) * 1000) / 1000;
		batch.liquidations.push({ exchange: 'bybit', time: c.time + 150_000, side: random() < 0.5 ? 'long' : 'short', price, amount, notional: Math.round(price * amount * 100) / 100 });
	}
	batch.outages.push(OUTAGE);
	await store.write(batch);
}

describe.each(STORE_KINDS)('recorded data through the command line on %s', (kind) => {
	let db: string;
	let store: RecordStore;
	beforeAll(async () => {
		if (skipPostgres(kind)) return;
		const { target, schema } = freshTarget(kind);
		store = await openStore(target, { schema });
		await fill(store);
		db = cliTarget(kind, target, schema);
	});
	afterAll(() => store?.close());

	it.skipIf(skipPostgres(kind))('exports prints as JSON and candles as CSV, within --from/--to', async () => {
		const from = candles[500].time;
		const to = candles[599].time;
		const json = await liqmap('export', '--db', db, '--what', 'liquidations', '--from', String(from), '--to', new Date(to).toISOString(), '--json');
		expect(json.code).toBe(0);
		const rows = JSON.parse(json.stdout);
		// Prints at candle open + 150 s for candles 500–598 (candle 599's print is after --to): 99.
		expect(rows).toHaveLength(99);
		expect(rows).toEqual(await store.liquidations(['bybit'], { from, to }));

		const csv = await liqmap('export', '--db', db, '--what', 'candles', '--source', 'bybit');
		expect(csv.code).toBe(0);
		const lines = csv.stdout.trim().split('\n');
		expect(lines[0]).toBe('timeUtc,time,exchange,timeframe,open,high,low,close,volume');
		expect(lines).toHaveLength(3001);
		const c = candles[0];
		expect(lines[1]).toBe(`${new Date(c.time).toISOString()},${c.time},bybit,5m,${c.open},${c.high},${c.low},${c.close},${c.volume}`);
		const empty = await liqmap('export', '--db', db, '--what', 'funding');
		expect(empty.stdout).toBe('timeUtc,time,exchange,rate,nextFundingTime\n');
	});

	it.skipIf(skipPostgres(kind))('calibrates against the recorded prints: the JSON contract, as computed in-process', async () => {
		const result = await liqmap('calibrate', '--realised', '--db', db, '--source', 'bybit', '--timeframe', '15m', '--json');
		expect(result.code, result.stderr).toBe(0);
		const json = JSON.parse(result.stdout);
		expect(Object.keys(json)).toEqual(['prints', 'notional', 'insideShare', 'coveredShare', 'lift', 'liftInterval', 'bySide', 'byExchange', 'byScore', 'outages', 'verdict']);
		const params = { ...defaultAnalysisParams(), timeframe: '15m' as const };
		expect(json).toEqual(realisedToJson(await realisedFromStore(store, ['bybit'], params)));
		// The outage (candle 1000 + 1 min … candle 1011 + 1 min) overlaps 15-minute candles: at least 4 left out.
		expect(json.outages.count).toBe(1);
		expect(json.outages.excludedCandles).toBeGreaterThanOrEqual(4);
		expect(json.prints).toBeGreaterThan(500);

		const table = await liqmap('calibrate', '--realised', '--db', db, '--source', 'bybit', '--timeframe', '15m');
		expect(table.stdout).toContain(json.verdict);
		expect(table.stdout).toMatch(/^all +\d+ /m);
	});

	it.skipIf(skipPostgres(kind))('record --status shows the rows and the database', async () => {
		const status = await liqmap('record', '--status', '--db', db, '--json');
		expect(status.code, status.stderr).toBe(0);
		const json = JSON.parse(status.stdout);
		expect(json).toMatchObject({ kind, schemaVersion: 2, retentionDays: 365, rows: { candles: 3000, liquidations: 2600, outages: 1, openInterest: 0, funding: 0 } });
		expect(json.sizeBytes).toBeGreaterThan(0);
		expect(json.exchanges.find((e: { exchange: string }) => e.exchange === 'bybit')).toMatchObject({ candle: candles[2999].time, print: candles[2999].time + 150_000 });
	});
});

describe('bad input to the recorded-data commands', () => {
	it.each([
		[['export', '--what', 'trades'], /^liqmap: --what "trades": expected one of liquidations, candles, oi, funding\n$/],
		[['export', '--what', 'oi', '--from', 'yesterday'], /^liqmap: --from "yesterday": expected a UTC date/],
		[['export', '--what', 'oi', '--db', '/nonexistent/liqmap.sqlite'], /^liqmap: \/nonexistent\/liqmap.sqlite: no such database file \(record into it first/],
		[['calibrate', '--realised', '--timeframe', '15m'], /^liqmap: --source is required/],
		[['calibrate', '--source', 'bybit'], /^liqmap: --source goes with --realised/],
		[['record', '--source', 'kraken'], /^liqmap: --source "kraken": "kraken" is not an exchange with a stream/],
		[['record', '--status', '--source', 'bybit'], /^liqmap: --status and --source cannot be combined/]
	])('liqmap %j is refused with one line, exit code 2', async (args, message) => {
		const result = await liqmap(...(args as string[]));
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(message);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
	});
});
