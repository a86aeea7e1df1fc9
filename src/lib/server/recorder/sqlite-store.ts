/**
 * The embedded store: one SQLite file through `better-sqlite3` (synchronous, in-process), in WAL mode so the app's
 * reads never wait for the recorder's writes. Each `write` is one transaction: a process killed during it leaves the
 * file as before the batch (SQLite's journal), never half a batch. A busy or full database throws (`SQLITE_BUSY`,
 * `SQLITE_FULL`); the recorder keeps the batch and retries it.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Candle, Timeframe } from '../../core/types.ts';
import type { ExchangeId } from '../exchanges.ts';
import type { LiquidationPrint } from '../../stream-types.ts';
import { INSERT, PRUNE, printOf, SELECT } from './queries.ts';
import { pendingMigrations, VERSION_TABLE } from './schema.ts';
import type { FundingRow, LatestTimes, OpenInterestRow, RecordBatch, RecordedOutage, RecordStore, TimeRange, WriteCounts } from './store.ts';

export interface SqliteOptions {
	/** How long a write waits for another connection's lock before failing with SQLITE_BUSY (ms). */
	busyTimeoutMs?: number;
}

type Row = Record<string, unknown>;

export class SqliteStore implements RecordStore {
	readonly kind = 'sqlite';
	readonly db: Database.Database;
	readonly #write: (batch: RecordBatch) => WriteCounts;

	constructor(
		readonly location: string,
		options: SqliteOptions = {}
	) {
		if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
		this.db = new Database(location);
		this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
		this.db.pragma('journal_mode = WAL');
		this.db.pragma('synchronous = NORMAL');
		this.#migrate();
		const statements = {
			candles: this.db.prepare(INSERT.candles),
			openInterest: this.db.prepare(INSERT.openInterest),
			funding: this.db.prepare(INSERT.funding),
			liquidations: this.db.prepare(INSERT.liquidations),
			outages: this.db.prepare(INSERT.outages('max')),
			seen: this.db.prepare(INSERT.seen('max'))
		};
		this.#write = this.db.transaction((batch: RecordBatch) => {
			const counts: WriteCounts = { candles: 0, openInterest: 0, funding: 0, liquidations: 0, outages: 0 };
			for (const c of batch.candles) counts.candles += statements.candles.run(c.exchange, c.timeframe, c.time, c.open, c.high, c.low, c.close, c.volume).changes;
			for (const o of batch.openInterest) counts.openInterest += statements.openInterest.run(o.exchange, o.time, o.value).changes;
			for (const f of batch.funding) counts.funding += statements.funding.run(f.exchange, f.time, f.rate, f.nextFundingTime).changes;
			for (const p of batch.liquidations) counts.liquidations += statements.liquidations.run(p.exchange, p.time, p.side, p.price, p.amount, p.notional).changes;
			for (const o of batch.outages) counts.outages += statements.outages.run(o.exchange, o.from, o.to, o.reason).changes;
			for (const s of batch.seen) statements.seen.run(s.exchange, s.time);
			return counts;
		});
	}

	#version(): number {
		const exists = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'liqmap_schema'").get();
		if (!exists) return 0;
		return Number((this.db.prepare('SELECT max(version) AS v FROM liqmap_schema').get() as Row | undefined)?.v ?? 0);
	}

	#migrate(): void {
		this.db.exec(VERSION_TABLE);
		for (const migration of pendingMigrations(this.#version(), this.location)) {
			this.db.transaction(() => {
				for (const statement of migration.statements) this.db.exec(statement);
				this.db.prepare('DELETE FROM liqmap_schema').run();
				this.db.prepare('INSERT INTO liqmap_schema (version) VALUES (?)').run(migration.version);
			})();
		}
	}

	async schemaVersion(): Promise<number> {
		return this.#version();
	}

	async write(batch: RecordBatch): Promise<WriteCounts> {
		return this.#write(batch);
	}

	async candles(exchange: ExchangeId, timeframe: Timeframe, range: TimeRange): Promise<Candle[]> {
		return (this.db.prepare(SELECT.candles).all(exchange, timeframe, range.from, range.to) as Row[]).map((r) => ({
			time: Number(r.time),
			open: Number(r.open),
			high: Number(r.high),
			low: Number(r.low),
			close: Number(r.close),
			volume: Number(r.volume)
		}));
	}

	async openInterest(exchange: ExchangeId, range: TimeRange): Promise<OpenInterestRow[]> {
		return (this.db.prepare(SELECT.openInterest).all(exchange, range.from, range.to) as Row[]).map((r) => ({ exchange, time: Number(r.time), value: Number(r.value) }));
	}

	async funding(exchange: ExchangeId, range: TimeRange): Promise<FundingRow[]> {
		return (this.db.prepare(SELECT.funding).all(exchange, range.from, range.to) as Row[]).map((r) => ({
			exchange,
			time: Number(r.time),
			rate: Number(r.rate),
			nextFundingTime: r.next_funding_time === null ? null : Number(r.next_funding_time)
		}));
	}

	async liquidations(exchanges: readonly ExchangeId[], range: TimeRange, limit = Number.MAX_SAFE_INTEGER): Promise<LiquidationPrint[]> {
		if (exchanges.length === 0) return [];
		const rows = this.db.prepare(SELECT.liquidations(exchanges.length)).all(...exchanges, range.from, range.to, limit) as Row[];
		return rows.reverse().map(printOf);
	}

	async outages(exchanges: readonly ExchangeId[], range: TimeRange): Promise<RecordedOutage[]> {
		if (exchanges.length === 0) return [];
		return (this.db.prepare(SELECT.outages(exchanges.length)).all(...exchanges, range.from, range.to) as Row[]).map((r) => ({
			exchange: r.exchange as ExchangeId,
			from: Number(r.from_time),
			to: Number(r.to_time),
			reason: r.reason as RecordedOutage['reason']
		}));
	}

	async latest(exchange: ExchangeId, timeframe: Timeframe): Promise<LatestTimes> {
		const [candle, openInterest, funding, print, lastSeen] = SELECT.latest.map((sql, i) => {
			const value = (this.db.prepare(sql).get(...(i === 0 ? [exchange, timeframe] : [exchange])) as Row | undefined)?.t;
			return value === null || value === undefined ? null : Number(value);
		});
		return { candle, openInterest, funding, print, lastSeen };
	}

	async counts(): Promise<WriteCounts> {
		const count = (sql: string) => Number((this.db.prepare(sql).get() as Row).n);
		const { counts } = SELECT;
		return { liquidations: count(counts.liquidations), candles: count(counts.candles), openInterest: count(counts.openInterest), funding: count(counts.funding), outages: count(counts.outages) };
	}

	async sizeBytes(): Promise<number> {
		if (this.location === ':memory:') return Number(this.db.pragma('page_count', { simple: true })) * Number(this.db.pragma('page_size', { simple: true }));
		const size = (path: string) => {
			try {
				return statSync(path).size;
			} catch {
				return 0;
			}
		};
		return size(this.location) + size(`${this.location}-wal`);
	}

	async prune(before: number): Promise<number> {
		return this.db.transaction(() => PRUNE.reduce((sum, sql) => sum + this.db.prepare(sql).run(before).changes, 0))();
	}

	async close(): Promise<void> {
		if (this.db.open) this.db.close();
	}
}
