/**
 * `npm run bench:recorder [-- --postgres URL]`: speed figures of the recorder on this machine (printed, never asserted):
 * - sustained write rate: 200,000 liquidation prints fed to the `Recorder` and written in its batches (5,000 rows per
 *   transaction), into a fresh SQLite file and, with `--postgres URL` (or `LIQMAP_TEST_POSTGRES_URL`), into a fresh
 *   schema of that PostgreSQL; prints per second from the first event to the last row committed, median of three;
 * - the realised calibration over a year: a seeded random walk of 105,120 five-minute candles (one year) with one
 *   print in two of them (about 52,560 prints), measured on 1h and 15m candles; seconds per run and prints per second.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultAnalysisParams } from '../src/lib/core/analysis/params.ts';
import { timeframeCandles } from '../src/lib/core/analysis/analyze.ts';
import { calibrateRealised, DEFAULT_REALISED, type RealisedPrint } from '../src/lib/core/calibration/realised.ts';
import { randomWalkCandles, seededRandom } from '../src/lib/core/market/synthetic.ts';
import { openStore } from '../src/lib/server/recorder/open-store.ts';
import { Recorder, type RecorderSource } from '../src/lib/server/recorder/recorder.ts';
import type { RecordStore } from '../src/lib/server/recorder/store.ts';
import { systemClock } from '../src/lib/server/streams/types.ts';
import type { StreamEvent } from '../src/lib/stream-types.ts';

const PRINTS = 200_000;
const args = process.argv.slice(2);
const postgresUrl = args[args.indexOf('--postgres') + 1] && args.includes('--postgres') ? args[args.indexOf('--postgres') + 1] : process.env.LIQMAP_TEST_POSTGRES_URL;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function writeRate(open: () => Promise<RecordStore>): Promise<number> {
	const store = await open();
	let listener: (event: StreamEvent) => void = () => {};
	const source: RecorderSource = { clock: systemClock, subscribe: (_ids, _tf, l) => ((listener = l), () => {}) };
	const recorder = new Recorder(store, source, ['bybit'], { bufferMax: PRINTS + 1, batchMax: 5_000, flushMs: 3_600_000 });
	await recorder.start();
	const start = performance.now();
	const t0 = Date.UTC(2026, 0, 1);
	for (let i = 0; i < PRINTS; i++) {
		const price = 100_000 + (i % 5000);
		listener({ type: 'liquidation', data: { time: t0 + i * 50, exchange: 'bybit', side: i % 2 ? 'long' : 'short', price, amount: 0.01 + (i % 7) / 100, notional: price * (0.01 + (i % 7) / 100) } });
	}
	await recorder.drain();
	const seconds = (performance.now() - start) / 1000;
	if (recorder.status().written.liquidations !== PRINTS) throw new Error(`wrote ${recorder.status().written.liquidations} of ${PRINTS}`);
	await recorder.stop();
	await store.close();
	return PRINTS / seconds;
}

async function main(): Promise<void> {
	console.log(`recorder bench (${new Date().toISOString().slice(0, 16)}Z, node ${process.version})`);
	const dirs: string[] = [];
	const sqlite = async () => {
		const dir = mkdtempSync(join(tmpdir(), 'liqmap-bench-'));
		dirs.push(dir);
		return openStore(join(dir, 'bench.sqlite'));
	};
	const runs: number[] = [];
	for (let r = 0; r < 3; r++) runs.push(await writeRate(sqlite));
	console.log(`write rate, SQLite: ${Math.round(median(runs)).toLocaleString('en-US')} prints/s (runs: ${runs.map((v) => Math.round(v).toLocaleString('en-US')).join(', ')})`);
	for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
	if (postgresUrl) {
		const pg: number[] = [];
		for (let r = 0; r < 3; r++) pg.push(await writeRate(() => openStore(postgresUrl, { schema: `bench_${process.pid}_${r}` })));
		console.log(`write rate, PostgreSQL: ${Math.round(median(pg)).toLocaleString('en-US')} prints/s (runs: ${pg.map((v) => Math.round(v).toLocaleString('en-US')).join(', ')})`);
	} else console.log('write rate, PostgreSQL: not measured (give --postgres postgres://… or LIQMAP_TEST_POSTGRES_URL)');

	const year = randomWalkCandles({ count: 105_120, seed: 7, intervalMs: 300_000 });
	const random = seededRandom(9);
	const prints: RealisedPrint[] = [];
	for (const c of year) if (random() < 0.5) prints.push({ time: c.time + 120_000, side: random() < 0.5 ? 'long' : 'short', price: c.low + random() * (c.high - c.low), notional: 10_000 });
	for (const timeframe of ['1h', '15m'] as const) {
		const candles = timeframeCandles(year, timeframe);
		const start = performance.now();
		const result = calibrateRealised([{ exchange: 'bybit', candles, prints, outages: [] }], { ...defaultAnalysisParams(), timeframe }, DEFAULT_REALISED);
		const seconds = (performance.now() - start) / 1000;
		console.log(
			`realised calibration, one year (${candles.length.toLocaleString('en-US')} ${timeframe} candles, ${result.prints.toLocaleString('en-US')} prints evaluated): ${seconds.toFixed(1)} s, ${Math.round(result.prints / seconds).toLocaleString('en-US')} prints/s`
		);
	}
}

await main();
