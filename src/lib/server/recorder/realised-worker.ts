/**
 * The realised-liquidation calibration off the server's event loop: one worker thread per run (a year of 5-minute
 * candles takes minutes), started on this module's own URL like the analysis pool's workers (`analysis-worker.ts`:
 * the built chunk in production, the TypeScript source through tsx under vite dev and vitest). Identical runs in flight
 * share one worker; the worker role in `workerData` keeps the module inert on the main thread.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { AnalysisParams } from '../../core/analysis/params.ts';
import { calibrateRealised, DEFAULT_REALISED, realisedToJson, type RealisedJson, type RealisedSeries } from '../../core/calibration/realised.ts';
import { tsxBootstrap } from '../analysis-pool.ts';

const ROLE = 'liqmap-realised-worker';

interface Job {
	series: RealisedSeries[];
	params: Pick<AnalysisParams, 'timeframe' | 'contextTimeframe' | 'swingLength' | 'model' | 'weights'>;
}

if (!isMainThread && parentPort && (workerData as { role?: string } | null)?.role === ROLE) {
	const port = parentPort;
	port.once('message', (job: Job) => {
		try {
			port.postMessage({ result: realisedToJson(calibrateRealised(job.series, job.params, DEFAULT_REALISED)) });
		} catch (error) {
			console.error('liqmap realised worker: job failed', error);
			port.postMessage({ error: error instanceof Error ? error.message : String(error) });
		}
	});
}

const inflight = new Map<string, Promise<RealisedJson>>();

/** Runs the calibration on a worker thread; `key` shares a run already in flight. */
export function realisedOnWorker(job: Job, key: string): Promise<RealisedJson> {
	const shared = inflight.get(key);
	if (shared) return shared;
	const url = import.meta.url;
	const promise = new Promise<RealisedJson>((resolve, reject) => {
		const worker = new Worker(/\.ts($|\?)/.test(url) ? tsxBootstrap(url) : new URL(url), { workerData: { role: ROLE } });
		worker.once('message', (reply: { result?: RealisedJson; error?: string }) => {
			void worker.terminate();
			if (reply.result) resolve(reply.result);
			else reject(new Error(reply.error ?? 'the realised calibration failed'));
		});
		worker.once('error', reject);
		worker.postMessage(job);
	});
	inflight.set(key, promise);
	const forget = () => inflight.delete(key);
	promise.then(forget, forget);
	return promise;
}
