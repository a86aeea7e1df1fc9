/**
 * The analysis pool's worker thread: it answers `{ id, job }` messages with `runAnalysisJob(job)`, one at a time.
 *
 * The pool starts workers on THIS module's own URL (`analysisWorkerUrl`), which holds wherever the code runs: in the
 * built app (adapter-node) it is the bundled chunk holding this module (plain JavaScript; the chunk's imports are
 * bundled chunks too), under `vite dev` and vitest it is the TypeScript source, which the pool loads through tsx. The
 * worker role is set in `workerData`, so the same module imported on the main thread (for its URL) does nothing.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runAnalysisJob, type AnalysisJob, type AnalysisJobResult } from './analysis-job.ts';

export const ANALYSIS_WORKER_ROLE = 'liqmap-analysis-worker';

/** Where the pool starts its workers. */
export const analysisWorkerUrl: string = import.meta.url;

export interface WorkerJobMessage {
	id: number;
	job: AnalysisJob;
}

export type WorkerReply = { id: number; result: AnalysisJobResult } | { id: number; error: string };

if (!isMainThread && parentPort && (workerData as { role?: string } | null)?.role === ANALYSIS_WORKER_ROLE) {
	const port = parentPort;
	port.on('message', ({ id, job }: WorkerJobMessage) => {
		let reply: WorkerReply;
		try {
			reply = { id, result: runAnalysisJob(job) };
		} catch (error) {
			// Logged here with its stack; the main thread answers a plain "internal error".
			console.error('liqmap analysis worker: job failed', error);
			reply = { id, error: error instanceof Error ? error.message : String(error) };
		}
		port.postMessage(reply);
	});
}
