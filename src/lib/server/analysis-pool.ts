/**
 * A small pool of worker threads for the server's analyses, so that a long analysis (a 5m chart over 90 days) never
 * holds the event loop: `/api/sources`, cached candles and every other request keep being answered while analyses run.
 *
 * - `size` workers (default: the cores Node may use, `os.availableParallelism()`, minus one for the event loop, at
 *   least 1), started on first use; each runs one job at a time.
 * - A bounded queue: at most `queueLength` jobs wait for a worker. Past it, `run()` refuses at once with
 *   `PoolBusyError` (the API answers 503 with `Retry-After`): a flood of analyses is turned away instead of piling up
 *   memory and latency.
 * - Identical jobs in flight (same key: source, data fetch time, parameters) share one run.
 * - A worker that dies (a crash, an out-of-memory end) fails only its own job; the next job starts a new worker.
 *
 * Workers are started on `analysisWorkerUrl` (see `analysis-worker.ts`): the built chunk, or under vite/vitest the
 * TypeScript source through tsx's loader.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { jobTransferList, runAnalysisJob, type AnalysisJob, type AnalysisJobResult, type JobRunner } from './analysis-job.ts';
import { ANALYSIS_WORKER_ROLE, analysisWorkerUrl, type WorkerReply } from './analysis-worker.ts';

/** Workers by default: all usable cores but one (kept for the event loop), at least 1. */
export const defaultPoolSize = (cores = availableParallelism()) => Math.max(1, cores - 1);
/** Jobs that may wait for a worker by default, per worker. */
export const QUEUE_PER_WORKER = 4;

/** The queue is full: the caller should try again after `retryAfterSec`. */
export class PoolBusyError extends Error {
	name = 'PoolBusyError';

	constructor(
		readonly retryAfterSec: number,
		readonly queueLength: number
	) {
		super(`The server is busy with other analyses (${queueLength} waiting); try again in ${retryAfterSec} s`);
	}
}

/** A job failed inside its worker (a bug or the worker's end); the message is for the log, not for users. */
export class WorkerJobError extends Error {
	name = 'WorkerJobError';
}

export interface PoolOptions {
	size: number;
	queueLength: number;
	/** Worker module URL (tests may point it elsewhere). */
	workerUrl?: string;
}

interface Pending {
	id: number;
	job: AnalysisJob;
	resolve: (result: AnalysisJobResult) => void;
	reject: (error: Error) => void;
}

/**
 * Loads the TypeScript worker module through tsx (vite dev, vitest): an ES module given as a `data:` URL registers
 * tsx's loader in the worker, then imports the module. A built chunk is JavaScript and loads directly.
 */
export function tsxBootstrap(entry: string): URL {
	// tsx's package exports name the ESM build of its API `index.mjs` beside the CommonJS one `require` resolves to.
	const api = pathToFileURL(createRequire(entry).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
	const code = `import { register } from ${JSON.stringify(api)};\nregister();\nawait import(${JSON.stringify(entry)});\n`;
	return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

function startWorker(url: string): Worker {
	const workerData = { role: ANALYSIS_WORKER_ROLE };
	return new Worker(/\.ts($|\?)/.test(url) ? tsxBootstrap(url) : new URL(url), { workerData });
}

class PoolWorker {
	readonly worker: Worker;
	current: Pending | null = null;

	constructor(url: string, onReply: (self: PoolWorker, reply: WorkerReply) => void, onEnd: (self: PoolWorker, error: Error) => void) {
		this.worker = startWorker(url);
		this.worker.unref();
		this.worker.on('message', (reply: WorkerReply) => onReply(this, reply));
		this.worker.on('error', (error) => onEnd(this, error));
		this.worker.on('exit', (code) => onEnd(this, new WorkerJobError(`analysis worker stopped (exit code ${code})`)));
	}
}

export class AnalysisPool implements JobRunner {
	readonly size: number;
	readonly queueLength: number;
	readonly #url: string;
	readonly #workers: PoolWorker[] = [];
	readonly #queue: Pending[] = [];
	readonly #inflight = new Map<string, Promise<AnalysisJobResult>>();
	#nextId = 1;
	/** Mean job time (ms, moving average), for the Retry-After estimate. */
	#meanJobMs = 1000;
	readonly #started = new Map<number, number>();

	constructor(options: PoolOptions) {
		if (!(Number.isInteger(options.size) && options.size >= 1)) throw new RangeError(`pool size ${options.size} must be a whole number ≥ 1`);
		if (!(Number.isInteger(options.queueLength) && options.queueLength >= 0))
			throw new RangeError(`queue length ${options.queueLength} must be a whole number ≥ 0`);
		this.size = options.size;
		this.queueLength = options.queueLength;
		this.#url = options.workerUrl ?? analysisWorkerUrl;
	}

	/** Jobs running, jobs waiting, workers started. */
	stats() {
		return { running: this.#workers.filter((w) => w.current).length, queued: this.#queue.length, workers: this.#workers.length };
	}

	/**
	 * Runs `job` on a worker. With a `key`, an identical job already in flight is shared. Throws `PoolBusyError` at
	 * once when every worker is busy and the queue is full.
	 */
	run(job: AnalysisJob, key?: string): Promise<AnalysisJobResult> {
		const shared = key === undefined ? undefined : this.#inflight.get(key);
		if (shared) return shared;
		const idle = this.#workers.some((w) => !w.current) || this.#workers.length < this.size;
		if (!idle && this.#queue.length >= this.queueLength) return Promise.reject(this.#busy());
		const promise = new Promise<AnalysisJobResult>((resolve, reject) => {
			this.#queue.push({ id: this.#nextId++, job, resolve, reject });
			this.#pump();
		});
		if (key !== undefined) {
			this.#inflight.set(key, promise);
			const forget = () => this.#inflight.delete(key);
			promise.then(forget, forget);
		}
		return promise;
	}

	/** Stops every worker (tests, shutdown); queued jobs are refused. */
	async close(): Promise<void> {
		for (const pending of this.#queue.splice(0)) pending.reject(new WorkerJobError('analysis pool closed'));
		await Promise.all(this.#workers.splice(0).map((w) => w.worker.terminate()));
	}

	#busy(): PoolBusyError {
		// Time until a queue slot frees: the waiting and running jobs shared by the workers.
		const waitMs = ((this.#queue.length + this.size) * this.#meanJobMs) / this.size;
		return new PoolBusyError(Math.max(1, Math.ceil(waitMs / 1000)), this.queueLength);
	}

	#pump(): void {
		while (this.#queue.length > 0) {
			let worker = this.#workers.find((w) => !w.current);
			if (!worker && this.#workers.length < this.size) {
				worker = new PoolWorker(this.#url, (w, reply) => this.#onReply(w, reply), (w, error) => this.#onEnd(w, error));
				this.#workers.push(worker);
			}
			if (!worker) return;
			const pending = this.#queue.shift()!;
			worker.current = pending;
			worker.worker.ref();
			this.#started.set(pending.id, performance.now());
			worker.worker.postMessage({ id: pending.id, job: pending.job }, jobTransferList(pending.job));
		}
	}

	#finish(worker: PoolWorker): Pending | null {
		const pending = worker.current;
		worker.current = null;
		worker.worker.unref();
		if (pending) {
			const started = this.#started.get(pending.id);
			this.#started.delete(pending.id);
			if (started !== undefined) this.#meanJobMs = 0.8 * this.#meanJobMs + 0.2 * (performance.now() - started);
		}
		return pending;
	}

	#onReply(worker: PoolWorker, reply: WorkerReply): void {
		const pending = this.#finish(worker);
		if (pending && pending.id === reply.id) {
			if ('result' in reply) pending.resolve(reply.result);
			else pending.reject(new WorkerJobError(reply.error));
		}
		this.#pump();
	}

	#onEnd(worker: PoolWorker, error: Error): void {
		const index = this.#workers.indexOf(worker);
		if (index < 0) return;
		this.#workers.splice(index, 1);
		const pending = this.#finish(worker);
		pending?.reject(error instanceof WorkerJobError ? error : new WorkerJobError(`analysis worker failed: ${error.message}`));
		void worker.worker.terminate();
		this.#pump();
	}
}

/** Runs jobs on the calling thread (tests comparing against the pool). */
export const inProcessRunner: JobRunner = { run: (job) => Promise.resolve().then(() => runAnalysisJob(job)) };

let shared: AnalysisPool | null = null;

/** The process-wide pool (sized from the configuration on first use). */
export function analysisPool(options: PoolOptions): AnalysisPool {
	shared ??= new AnalysisPool(options);
	return shared;
}

/** Replaces the process-wide pool (tests: a small pool and queue); the old one is closed. */
export function resetAnalysisPool(options: PoolOptions): AnalysisPool {
	void shared?.close();
	shared = new AnalysisPool(options);
	return shared;
}
