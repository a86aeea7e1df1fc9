/**
 * The commands over recorded history (`src/lib/server/recorder/`):
 *
 *   liqmap record --source binanceusdm,bybit,okx|all [--db PATH|postgres://…]
 *     Records the exchanges' streams until Ctrl-C: closed 5-minute candles, open interest, funding, every liquidation
 *     print, outages. A line on stderr every minute (rows written, buffered, dropped, the last error).
 *   liqmap record --status [--db …] [--json]
 *     The database: kind, location, size, schema version, rows per kind, the newest row per exchange, the retention.
 *   liqmap export --what liquidations|candles|oi|funding [--db …] [--source …] [--from T] [--to T] [--json]
 *     Recorded rows as CSV (default) or JSON; T is a date (`2026-01-10`, `2026-01-10T08:00Z`, UTC) or ms UTC.
 *   liqmap calibrate --realised --source … --timeframe … [--db …] [--seed N] [--json]
 *     The map against realised liquidations (`core/calibration/realised.ts`).
 *
 * `--db` defaults to `LIQMAP_DB`, else `./data/liqmap.sqlite`. These commands answer asynchronously: `run` returns 0
 * at once and sets `process.exitCode` when done (0 ok, 2 bad input or an unusable database, 1 unexpected).
 */
import { TIMEFRAMES } from '../core/analysis/params.ts';
import { calibrateRealised, DEFAULT_REALISED, realisedToJson, type RealisedSummary } from '../core/calibration/realised.ts';
import type { Timeframe } from '../core/types.ts';
import { formatUsd } from '../format.ts';
import { ConfigError } from '../server/config.ts';
import { EXCHANGE_IDS, exchangeName, type ExchangeId } from '../server/exchanges.ts';
import { liveSources } from '../server/live-sources.ts';
import { restGapFill } from '../server/recorder/gap-fill.ts';
import { openStore, StoreError } from '../server/recorder/open-store.ts';
import { Recorder, RECORDED_TIMEFRAME } from '../server/recorder/recorder.ts';
import { parseExchangeList, readRecorderConfig } from '../server/recorder/recorder-config.ts';
import { SchemaError } from '../server/recorder/schema.ts';
import type { RecordStore } from '../server/recorder/store.ts';
import { realisedSeries } from '../server/recorder/recorded-series.ts';
import { readStreamConfig } from '../server/streams/stream-config.ts';
import { StreamHub } from '../server/streams/stream-hub.ts';
import type { Flags } from './args.ts';

export { realisedToJson } from '../core/calibration/realised.ts';
import { UsageError, viewFromFlags } from './input.ts';

interface Output {
	out: (text: string) => void;
	err: (text: string) => void;
}

const DB_HELP = '--db PATH|postgres://user@host:port/db (default: LIQMAP_DB, else ./data/liqmap.sqlite)';

export const RECORD_HELP = `usage: liqmap record --source binanceusdm,bybit,okx|all [--db …]
       liqmap record --status [--db …] [--json]
Records the exchanges' streams until Ctrl-C: closed 5-minute candles, open interest, funding, every liquidation print,
and the outages (stream down, recorder stopped, buffer overflow). A restart resumes: candles, open interest and funding
since the last stored row are fetched over REST; the prints of the gap are stored as an outage.
Rows older than LIQMAP_RETENTION_DAYS (default 365) are deleted. --status prints the database, its size and rows.
${DB_HELP}`;

export const EXPORT_HELP = `usage: liqmap export --what liquidations|candles|oi|funding [--db …] [--source EXCHANGES|all] [--from T] [--to T] [--json]
Recorded rows as CSV (a header line, then one row per line, oldest first) or, with --json, a JSON array.
T: a UTC date or time (2026-01-10, 2026-01-10T08:00Z) or ms UTC; default: everything. --source default: all.
${DB_HELP}`;

export const REALISED_OPTIONS = ['source', 'db'];

const MINUTE_MS = 60_000;
const WHAT = ['liquidations', 'candles', 'oi', 'funding'] as const;

/** Runs an asynchronous command: a usage or database problem is one line and exit code 2; anything else 1. */
function runAsync(io: Output, task: () => Promise<number | void>): number {
	void task().then(
		(code) => {
			if (typeof code === 'number') process.exitCode = code;
		},
		(error: unknown) => {
			const known = error instanceof UsageError || error instanceof StoreError || error instanceof SchemaError || error instanceof ConfigError;
			io.err(`liqmap: ${known ? '' : 'unexpected error: '}${error instanceof Error ? error.message : String(error)}`.slice(0, 300));
			process.exitCode = known ? 2 : 1;
		}
	);
	return 0;
}

function dbOf(flags: Flags): string {
	try {
		return flags.get('db') ?? readRecorderConfig().db;
	} catch (error) {
		if (error instanceof ConfigError) throw new UsageError(error.message);
		throw error;
	}
}

function exchangesOf(flags: Flags, fallback: 'all' | null): ExchangeId[] {
	const raw = flags.get('source') ?? fallback;
	if (raw === null) throw new UsageError('--source is required: binanceusdm, bybit, okx (comma-separated) or all');
	try {
		return parseExchangeList(raw, `--source ${JSON.stringify(raw)}`);
	} catch (error) {
		if (error instanceof ConfigError) throw new UsageError(error.message);
		throw error;
	}
}

/** `2026-01-10`, `2026-01-10T08:00Z` (UTC when no zone is given) or ms UTC. */
export function parseTime(flags: Flags, name: string): number | undefined {
	const raw = flags.get(name);
	if (raw === undefined) return undefined;
	const text = raw.trim();
	if (/^\d{1,16}$/.test(text)) return Number(text);
	const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})?$/.test(text) ? text + (/(Z|[+-]\d{2}:\d{2})$/.test(text) || text.length === 10 ? '' : 'Z') : null;
	const time = iso ? Date.parse(iso) : NaN;
	if (!Number.isFinite(time)) throw new UsageError(`--${name} ${JSON.stringify(raw.slice(0, 40))}: expected a UTC date (2026-01-10), a time (2026-01-10T08:00Z) or ms UTC`);
	return time;
}

async function withStore<T>(target: string, task: (store: RecordStore) => Promise<T>): Promise<T> {
	const store = await openStore(target, { mustExist: true });
	try {
		return await task(store);
	} finally {
		await store.close();
	}
}

const iso = (ms: number | null) => (ms === null ? '–' : new Date(ms).toISOString().replace('.000Z', 'Z'));

function sizeText(bytes: number): string {
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
	if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
	return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

async function recordStatus(flags: Flags, io: Output): Promise<void> {
	const target = dbOf(flags);
	const { retentionDays } = readRecorderConfig();
	await withStore(target, async (store) => {
		const [sizeBytes, schemaVersion, rows] = await Promise.all([store.sizeBytes(), store.schemaVersion(), store.counts()]);
		const exchanges = [];
		for (const id of EXCHANGE_IDS) exchanges.push({ exchange: id, ...(await store.latest(id, RECORDED_TIMEFRAME)) });
		if (flags.has('json')) {
			io.out(JSON.stringify({ kind: store.kind, location: store.location, sizeBytes, schemaVersion, retentionDays, rows, exchanges }, null, 2));
			return;
		}
		io.out(`${store.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ${store.location} · ${sizeText(sizeBytes)} · schema ${schemaVersion} · retention ${retentionDays} days`);
		io.out(`rows: ${rows.liquidations} liquidation prints, ${rows.candles} candles, ${rows.openInterest} open interest, ${rows.funding} funding, ${rows.outages} outages`);
		for (const e of exchanges)
			if (e.lastSeen !== null || e.candle !== null || e.print !== null)
				io.out(`${exchangeName(e.exchange).padEnd(7)} last print ${iso(e.print)} · last candle ${iso(e.candle)} · recorder last wrote ${iso(e.lastSeen)}`);
	});
}

function record(flags: Flags, io: Output): Promise<number | void> {
	const ids = exchangesOf(flags, null);
	const target = dbOf(flags);
	let retentionDays: number;
	let streamConfig;
	try {
		retentionDays = readRecorderConfig().retentionDays;
		streamConfig = readStreamConfig();
	} catch (error) {
		if (error instanceof ConfigError) throw new UsageError(error.message);
		throw error;
	}
	return (async () => {
		const store = await openStore(target);
		const live = liveSources();
		const hub = new StreamHub({ live, config: streamConfig });
		const recorder = new Recorder(store, hub, ids, { retentionDays }, restGapFill(live));
		await recorder.start();
		io.err(`recording ${ids.map(exchangeName).join(', ')} into ${store.location} (retention ${retentionDays} days); Ctrl-C stops`);
		const report = setInterval(() => {
			const s = recorder.status();
			const w = s.written;
			io.err(
				`${new Date().toISOString().slice(0, 19)}Z ${s.state}: ${w.liquidations} prints, ${w.candles} candles, ${w.openInterest} OI, ${w.funding} funding, ${w.outages} outages written · ${s.buffered} buffered` +
					` · dropped ${s.dropped.malformed} malformed, ${s.dropped.duplicate} duplicate, ${s.dropped.overflow} overflow${s.lastError ? ` · ${s.lastError}` : ''}`
			);
		}, MINUTE_MS);
		const stop = () =>
			void (async () => {
				clearInterval(report);
				await recorder.stop();
				await hub.close();
				await store.close();
				process.exit(0);
			})();
		process.once('SIGINT', stop);
		process.once('SIGTERM', stop);
	})();
}

export function recordCommand(flags: Flags, io: Output): number {
	if (flags.has('status')) {
		if (flags.has('source')) throw new UsageError('--status and --source cannot be combined (--status only reads the database)');
		return runAsync(io, () => recordStatus(flags, io));
	}
	if (flags.has('json')) throw new UsageError('--json goes with --status');
	return runAsync(io, () => record(flags, io));
}

// ---- export ----

const csvCell = (value: unknown) => (value === null || value === undefined ? '' : String(value));

export function exportCommand(flags: Flags, io: Output): number {
	const what = flags.get('what');
	if (!what || !(WHAT as readonly string[]).includes(what)) throw new UsageError(`--what ${JSON.stringify(what ?? '')}: expected one of ${WHAT.join(', ')}`);
	const ids = exchangesOf(flags, 'all');
	const from = parseTime(flags, 'from') ?? 0;
	const to = parseTime(flags, 'to') ?? Number.MAX_SAFE_INTEGER;
	if (from > to) throw new UsageError(`--from ${flags.get('from')} is after --to ${flags.get('to')}`);
	const target = dbOf(flags);
	const range = { from, to };
	return runAsync(io, () =>
		withStore(target, async (store) => {
			let rows: Record<string, unknown>[];
			if (what === 'liquidations') rows = (await store.liquidations(ids, range)).map((p) => ({ time: p.time, exchange: p.exchange, side: p.side, price: p.price, amount: p.amount, notional: p.notional }));
			else if (what === 'candles') rows = (await Promise.all(ids.map(async (id) => (await store.candles(id, RECORDED_TIMEFRAME, range)).map((c) => ({ time: c.time, exchange: id, timeframe: RECORDED_TIMEFRAME, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume }))))).flat();
			else if (what === 'oi') rows = (await Promise.all(ids.map((id) => store.openInterest(id, range)))).flat().map((o) => ({ time: o.time, exchange: o.exchange, value: o.value }));
			else rows = (await Promise.all(ids.map((id) => store.funding(id, range)))).flat().map((f) => ({ time: f.time, exchange: f.exchange, rate: f.rate, nextFundingTime: f.nextFundingTime }));
			rows.sort((a, b) => (a.time as number) - (b.time as number) || String(a.exchange).localeCompare(String(b.exchange)));
			if (flags.has('json')) {
				io.out(JSON.stringify(rows));
				return;
			}
			const columns = ['timeUtc', ...Object.keys(rows[0] ?? exportColumns(what))];
			io.out(columns.join(','));
			for (const row of rows) io.out([new Date(row.time as number).toISOString(), ...columns.slice(1).map((c) => csvCell(row[c]))].join(','));
		})
	);
}

/** The columns of an empty export (the header is written even without rows). */
function exportColumns(what: string): Record<string, null> {
	const names: Record<string, string[]> = {
		liquidations: ['time', 'exchange', 'side', 'price', 'amount', 'notional'],
		candles: ['time', 'exchange', 'timeframe', 'open', 'high', 'low', 'close', 'volume'],
		oi: ['time', 'exchange', 'value'],
		funding: ['time', 'exchange', 'rate', 'nextFundingTime']
	};
	return Object.fromEntries(names[what].map((name) => [name, null]));
}

// ---- calibrate --realised ----

/** Reads the recorded candles, prints and outages of the exchanges and runs the realised calibration. */
export async function realisedFromStore(store: RecordStore, ids: readonly ExchangeId[], params: Parameters<typeof calibrateRealised>[1], options = DEFAULT_REALISED) {
	return calibrateRealised(await realisedSeries(store, ids, params.timeframe, { from: 0, to: Number.MAX_SAFE_INTEGER }), params, options);
}

const pct = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)} %`);

export function realisedCalibrateCommand(flags: Flags, io: Output): number {
	for (const name of ['input', 'horizon', 'reach'])
		if (flags.has(name)) throw new UsageError(`--${name} does not apply to --realised (it reads recorded prints and candles from --db)`);
	const ids = exchangesOf(flags, null);
	const view = viewFromFlags(new Map([...flags].filter(([name]) => !['source', 'db', 'realised', 'seed', 'json'].includes(name))));
	const timeframe = view.analysis.timeframe as Timeframe;
	if (!TIMEFRAMES.includes(timeframe)) throw new UsageError(`--timeframe: expected one of ${TIMEFRAMES.join(', ')}`);
	const rawSeed = flags.get('seed');
	const seed = rawSeed === undefined ? DEFAULT_REALISED.seed : Number(rawSeed);
	if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31) throw new UsageError(`--seed ${JSON.stringify(rawSeed)}: expected a whole number from 0 to ${2 ** 31}`);
	const target = dbOf(flags);
	return runAsync(io, () =>
		withStore(target, async (store) => {
			const result = await realisedFromStore(store, ids, view.analysis, { ...DEFAULT_REALISED, seed });
			if (flags.has('json')) {
				io.out(JSON.stringify(realisedToJson(result), null, 2));
				return;
			}
			const period = result.period ? `${iso(result.period.from)} → ${iso(result.period.to)}` : 'no period';
			io.out(`${timeframe} · ${result.prints} recorded prints (${formatUsd(result.notional)}) · ${period} · ${result.outages.count} outages (${result.outages.excludedCandles} candles left out)`);
			io.out(result.verdict);
			io.out('');
			const rows = [['', 'prints', 'notional', 'inside clusters', 'range covered', 'lift', 'lift interval']];
			const line = (name: string, s: RealisedSummary) =>
				rows.push([name, String(s.prints), formatUsd(s.notional), pct(s.insideShare), pct(s.coveredShare), s.lift?.toFixed(2) ?? 'n/a', s.liftInterval ? `${s.liftInterval[0].toFixed(2)}–${s.liftInterval[1].toFixed(2)}` : 'n/a']);
			line('all', result);
			line('longs liquidated', result.bySide.long);
			line('shorts liquidated', result.bySide.short);
			for (const [id, s] of Object.entries(result.byExchange)) line(exchangeName(id as ExchangeId), s);
			for (const b of result.byScore) line(`score ${b.bucket}`, b);
			const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
			for (const row of rows) io.out(row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  ').trimEnd());
		})
	);
}
