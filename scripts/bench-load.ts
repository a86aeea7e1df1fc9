/**
 * `npm run bench:load`: the built server (`node build`, run `npm run build` first) under analysis load. Prints
 * - `/api/sources` latency (p50 / p99 / max, ms) idle, then while 40 heavy analyses (5m candles, 90 days of the
 *   embedded sample, 40 different parameter sets so none are shared) are asked for at once;
 * - what became of the 40 (answered, refused with 503) and their latency;
 * - the server's memory (resident set, peak) for the worst accepted parameter set, on a fresh server.
 *
 * Options: `--analyses N` (40), `--queue N` (LIQMAP_ANALYSIS_QUEUE for the load run; default: all N accepted),
 * `--worst "<query>"` (the parameter set of the memory figure), `--json`. A figure printer, not a test: nothing
 * here passes or fails on speed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus } from 'node:os';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const ANALYSES = Number(option('analyses', '40'));
const QUEUE = option('queue', String(ANALYSES));
/** 25 tiers (5x…125x, 4 % each) on 5m candles over 90 days: the most engine work among accepted values short of the
 * model limits being set in the parameter validation. */
const WORST = option('worst', `timeframe=5m&lookback=90&tiers=${Array.from({ length: 25 }, (_, i) => `${5 * (i + 1)}:4`).join(',')}`);
const JSON_OUT = args.includes('--json');

if (!existsSync('build/index.js')) {
	console.error('bench:load: build/index.js not found: run `npm run build` first');
	process.exit(2);
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; origin: string }> {
	const port = await freePort();
	const child = spawn(process.execPath, ['build'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env } });
	await new Promise<void>((resolve, reject) => {
		child.stdout!.on('data', (chunk) => /Listening/.test(String(chunk)) && resolve());
		child.once('exit', (code) => reject(new Error(`server ended (code ${code}) before listening`)));
	});
	return { child, origin: `http://127.0.0.1:${port}` };
}

async function stopServer(child: ChildProcess): Promise<void> {
	const ended = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	await ended;
}

/** Nearest-rank percentile of ms values. */
function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const summary = (values: number[]) => ({ n: values.length, p50: percentile(values, 50), p99: percentile(values, 99), max: Math.max(...values) });
const round = (value: number) => Math.round(value * 10) / 10;

async function timed(url: string): Promise<{ ms: number; status: number }> {
	const start = performance.now();
	const response = await fetch(url);
	await response.arrayBuffer();
	return { ms: performance.now() - start, status: response.status };
}

/** Resident set now and its peak since start (MB), from /proc (Linux); null elsewhere. */
function memoryMb(pid: number): { rss: number; peak: number } | null {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
		return { rss: round(kb('VmRSS') / 1024), peak: round(kb('VmHWM') / 1024) };
	} catch {
		return null;
	}
}

async function loadRun() {
	const { child, origin } = await startServer({ LIQMAP_ANALYSIS_QUEUE: QUEUE });
	try {
		const idle: number[] = [];
		for (let i = 0; i < 50; i++) idle.push((await timed(`${origin}/api/sources`)).ms);
		const analyses: { ms: number; status: number }[] = [];
		let done = 0;
		const started = performance.now();
		const runs = Array.from({ length: ANALYSES }, (_, i) =>
			// decay 1…40 h: 40 different analyses, so none is shared with another in flight.
			timed(`${origin}/api/analysis?timeframe=5m&lookback=90&decay=${i + 1}`).then((result) => {
				analyses.push(result);
				done++;
			})
		);
		const underLoad: number[] = [];
		while (done < ANALYSES) {
			underLoad.push((await timed(`${origin}/api/sources`)).ms);
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		await Promise.all(runs);
		const wallMs = performance.now() - started;
		const answered = analyses.filter((a) => a.status === 200);
		return {
			sourcesIdle: summary(idle),
			sourcesUnderLoad: summary(underLoad),
			analyses: {
				asked: ANALYSES,
				answered: answered.length,
				refused503: analyses.filter((a) => a.status === 503).length,
				other: analyses.filter((a) => a.status !== 200 && a.status !== 503).length,
				latency: answered.length ? summary(answered.map((a) => a.ms)) : null,
				wallMs: wallMs
			}
		};
	} finally {
		await stopServer(child);
	}
}

async function memoryRun() {
	const { child, origin } = await startServer({});
	try {
		const before = memoryMb(child.pid!);
		const result = await timed(`${origin}/api/analysis?${WORST}`);
		const after = memoryMb(child.pid!);
		return { query: WORST, status: result.status, ms: result.ms, before, after };
	} finally {
		await stopServer(child);
	}
}

const load = await loadRun();
const memory = await memoryRun();
const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, date: new Date().toISOString().slice(0, 10) };

if (JSON_OUT) {
	console.log(JSON.stringify({ machine, load, memory }, null, 2));
} else {
	const line = (name: string, s: { n: number; p50: number; p99: number; max: number }) =>
		console.log(`  ${name.padEnd(44)} p50 ${round(s.p50)} ms · p99 ${round(s.p99)} ms · max ${round(s.max)} ms (${s.n} requests)`);
	console.log(`liqmap load (${machine.date}, ${machine.cores} cores, ${machine.cpu}, Node ${machine.node})`);
	line('/api/sources, idle', load.sourcesIdle);
	line(`/api/sources, during ${ANALYSES} analyses (5m, 90 days)`, load.sourcesUnderLoad);
	const a = load.analyses;
	console.log(`  analyses: ${a.answered} answered, ${a.refused503} refused with 503, ${a.other} other; all done in ${round(a.wallMs / 1000)} s`);
	if (a.latency) line('analysis latency (answered)', a.latency);
	const m = memory;
	console.log(`  worst accepted parameter set: ${m.query}`);
	console.log(
		`    HTTP ${m.status} in ${round(m.ms)} ms; server memory ${m.before ? `${m.before.rss} MB before, peak ${m.after?.peak} MB` : 'n/a (no /proc)'}`
	);
}
