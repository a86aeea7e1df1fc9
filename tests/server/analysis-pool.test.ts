/**
 * The analysis pool: jobs run on worker threads with exactly the in-process result, a full queue is refused at once
 * (503 with Retry-After from the API), other requests are answered while the workers are busy, identical jobs in flight
 * share one run, and a worker that dies fails only its own job. No timing is measured: outcomes only.
 */
import { BroadcastChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultAnalysisParams, type AnalysisParams } from '../../src/lib/core/analysis/params.ts';
import { liveJob, runAnalysisJob } from '../../src/lib/server/analysis-job.ts';
import type { MarketSeries } from '../../src/lib/core/analysis/market-analysis.ts';
import { AnalysisPool, defaultPoolSize, inProcessRunner, PoolBusyError, resetAnalysisPool, WorkerJobError } from '../../src/lib/server/analysis-pool.ts';
import { analysisApi, candlesApi, sourcesApi } from '../../src/lib/server/api.ts';
import { useHarness } from './harness.ts';

const harness = useHarness();

let pool: AnalysisPool | null = null;
afterEach(async () => {
	await pool?.close();
	pool = null;
});

/** A worker that reads no job until released (`fixtures/held-worker.ts`, same channel name). */
const HELD_WORKER = new URL('./fixtures/held-worker.ts', import.meta.url).href;

/** Listens before the held worker starts (a broadcast reaches only channels open at the time); `release()` waits for
 * the worker to be waiting, then lets it read its jobs. */
function holdAnalysisWorkers() {
	const channel = new BroadcastChannel('liqmap-test-held-analysis-worker');
	const waiting = new Promise<void>((resolve) => {
		channel.onmessage = (event) => {
			if ((event as { data?: unknown }).data === 'waiting') resolve();
		};
	});
	return {
		async release() {
			await waiting;
			channel.postMessage('release');
			channel.close();
		}
	};
}

const params = (overrides: Partial<AnalysisParams> = {}): AnalysisParams => ({ ...defaultAnalysisParams(), timeframe: '1h', lookbackDays: 30, ...overrides });

describe('pooled = in process', () => {
	it('the embedded sample (1h, 30 days): the same JSON and outcome', async () => {
		pool = new AnalysisPool({ size: 1, queueLength: 2 });
		const job = { params: params(), sample: true as const };
		const pooled = await pool.run(job);
		expect(pool.stats()).toEqual({ running: 0, queued: 0, workers: 1 });
		expect(pooled).toEqual(runAnalysisJob(job));
		expect(pooled.json?.candles).toBe(720); // 30 days × 24 one-hour candles
		expect(pooled.outcomes).toEqual([{ candles: 720, openInterestCandles: 0, modelKind: 'volume-proxy' }]);
	});

	it('three exchanges aggregated (open-interest model): the same JSON, outcomes and agreement', async () => {
		const live = harness.fresh();
		const { served } = await live.markets(['binanceusdm', 'bybit', 'okx'], '1h', 336);
		const series: MarketSeries[] = served.map((s) => ({ name: s.market.name, candles: s.market.candles, openInterest: s.market.openInterest }));
		pool = new AnalysisPool({ size: 1, queueLength: 2 });
		const p = params({ lookbackDays: 14 });
		// Each job is built anew: a pooled job's buffers are moved to the worker.
		const pooled = await pool.run(liveJob(series, p, true));
		const inProcess = runAnalysisJob(liveJob(series, p, true));
		expect(pooled).toEqual(inProcess);
		expect(pooled.outcomes.map((o) => ('modelKind' in o ? o.modelKind : o.error))).toEqual(['open-interest', 'open-interest', 'open-interest']);
		expect(pooled.agreement?.length).toBe(pooled.json?.clusters.length);
		expect(series[0].candles).toHaveLength(336); // the cached candles are untouched by the transfer
	});

	it('/api/analysis gives the same answer from the pool as in process', async () => {
		const live = harness.fresh();
		pool = new AnalysisPool({ size: 1, queueLength: 2 });
		const url = new URL('http://localhost/api/analysis?source=all&timeframe=1h&lookback=14&decay=24');
		const now = Date.now();
		const pooled = await analysisApi(url, live, now, pool);
		const inProcess = await analysisApi(url, live, now, inProcessRunner);
		expect(pooled.status).toBe(200);
		expect(pooled).toEqual(inProcess);
	});
});

describe('bounded queue', () => {
	it('past the queue: 503, Retry-After and a JSON error; /api/sources and cached candles answer meanwhile', async () => {
		const live = harness.fresh();
		// The worker takes no job until released below: the first two analyses are unanswered for as long as the test
		// needs, however fast the machine.
		const held = holdAnalysisWorkers();
		pool = resetAnalysisPool({ size: 1, queueLength: 1, workerUrl: HELD_WORKER });
		// Three different heavy analyses at once: one runs, one waits, the third is refused (size 1 + queue 1).
		const heavy = (decay: number) => analysisApi(new URL(`http://localhost/api/analysis?timeframe=5m&lookback=90&decay=${decay}`), live, Date.now(), pool!);
		const settled: boolean[] = [];
		const answers = [1, 2, 3].map((decay, i) => heavy(decay).finally(() => (settled[i] = true)));
		expect(pool.stats()).toEqual({ running: 1, queued: 1, workers: 1 });

		const sources = sourcesApi(new URL('http://localhost/api/sources'), live);
		const cached = await candlesApi(new URL('http://localhost/api/candles?timeframe=1h&limit=50'), live);
		expect(sources.status).toBe(200);
		expect(cached.status).toBe(200);
		// Answered while the pool was still busy with the first two analyses.
		expect(settled[0] || settled[1]).toBeFalsy();
		expect(pool.stats().running).toBe(1);
		await held.release();

		const [first, second, third] = await Promise.all(answers);
		expect([first.status, second.status]).toEqual([200, 200]);
		expect(third.status).toBe(503);
		const retry = Number(third.headers['retry-after']);
		expect(Number.isInteger(retry) && retry >= 1).toBe(true);
		expect(third.body).toEqual({
			error: { code: 'busy', message: `The server is busy with other analyses (1 waiting); try again in ${retry} s`, retryAfterSec: retry }
		});
	});

	it('a queue of 0 refuses as soon as every worker is busy', async () => {
		pool = new AnalysisPool({ size: 1, queueLength: 0 });
		const running = pool.run({ params: params({ timeframe: '5m', lookbackDays: 90 }), sample: true });
		await expect(pool.run({ params: params(), sample: true })).rejects.toBeInstanceOf(PoolBusyError);
		await running;
	});

	it('identical jobs in flight share one run (and take no queue place)', async () => {
		pool = new AnalysisPool({ size: 1, queueLength: 0 });
		const job = () => ({ params: params({ timeframe: '15m' }), sample: true as const });
		const runs = [pool.run(job(), 'same'), pool.run(job(), 'same'), pool.run(job(), 'same')];
		expect(pool.stats()).toEqual({ running: 1, queued: 0, workers: 1 });
		const [a, b, c] = await Promise.all(runs);
		expect(a).toBe(b);
		expect(b).toBe(c);
	});
});

describe('workers', () => {
	it('default size: the usable cores but one, at least 1', () => {
		expect(defaultPoolSize(1)).toBe(1);
		expect(defaultPoolSize(2)).toBe(1);
		expect(defaultPoolSize(8)).toBe(7);
	});

	it('a worker that dies fails its own job only; the next job starts a new worker', async () => {
		const crashing = new URL('./fixtures/exiting-worker.ts', import.meta.url).href;
		pool = new AnalysisPool({ size: 1, queueLength: 2, workerUrl: crashing });
		await expect(pool.run({ params: params(), sample: true })).rejects.toThrow(WorkerJobError);
		expect(pool.stats()).toEqual({ running: 0, queued: 0, workers: 0 });
		await expect(pool.run({ params: params(), sample: true })).rejects.toThrow(/analysis worker stopped \(exit code 3\)/);
	});
});
