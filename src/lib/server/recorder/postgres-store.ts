/**
 * The shared store: PostgreSQL through the `postgres` client (`LIQMAP_DB=postgres://…`), the same schema and queries
 * as SQLite, for several app instances and one recorder on one database. Each `write` is one transaction
 * (`sql.begin`), rows sent many per statement; a lost connection rejects the write (the recorder keeps the batch and
 * retries; the client opens a new connection on the next query). Migrations take an advisory lock, so two processes
 * starting at once do not both migrate.
 */
import postgres from 'postgres';
import type { Candle, Timeframe } from '../../core/types.ts';
import type { ExchangeId } from '../exchanges.ts';
import type { LiquidationPrint } from '../../stream-types.ts';
import { COLUMNS, INSERT, PRUNE, printOf, SELECT } from './queries.ts';
import { pendingMigrations, VERSION_TABLE } from './schema.ts';
import { redactUrl, type FundingRow, type LatestTimes, type OpenInterestRow, type RecordBatch, type RecordedOutage, type RecordStore, type TimeRange, type WriteCounts } from './store.ts';

export interface PostgresOptions {
	/** A schema of its own (tests): created when missing, and first on the search path. */
	schema?: string;
	/** Seconds to wait for a connection. */
	connectTimeoutSec?: number;
}

type Sql = postgres.Sql | postgres.TransactionSql;
type Row = Record<string, unknown>;
type Value = string | number | null;

/** Lock id of the migrations (any constant shared by every liqmap). */
const MIGRATION_LOCK = 7_041_917;
/** PostgreSQL takes at most 65,535 parameters per statement. */
const MAX_PARAMETERS = 60_000;

/** `?` placeholders numbered `$1, $2…`. */
function numbered(sql: string): string {
	let n = 0;
	return sql.replace(/\?/g, () => `$${++n}`);
}

/** One insert of many rows: the single-row statement's VALUES repeated. */
function multiRow(single: string, columns: number, rows: number): string {
	const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
	return single.replace(`VALUES ${row}`, `VALUES ${Array.from({ length: rows }, () => row).join(', ')}`);
}

export class PostgresStore implements RecordStore {
	readonly kind = 'postgres';
	readonly location: string;
	readonly sql: postgres.Sql;

	private constructor(url: string, sql: postgres.Sql) {
		this.location = redactUrl(url);
		this.sql = sql;
	}

	static async open(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
		const sql = postgres(url, {
			max: 4,
			onnotice: () => {},
			connect_timeout: options.connectTimeoutSec ?? 10,
			// BIGINT columns and counts come back as strings; each read converts them with Number() (ms times fit in 2^53).
			...(options.schema ? { connection: { search_path: options.schema } } : {})
		});
		const store = new PostgresStore(url, sql);
		try {
			if (options.schema) await sql.unsafe(`CREATE SCHEMA IF NOT EXISTS "${options.schema.replace(/"/g, '')}"`);
			await store.#migrate();
		} catch (error) {
			await sql.end({ timeout: 1 });
			throw error;
		}
		return store;
	}

	async #query(sql: Sql, text: string, values: Value[] = []): Promise<postgres.RowList<Row[]>> {
		return (await sql.unsafe(numbered(text), values as never[])) as unknown as postgres.RowList<Row[]>;
	}

	async #version(sql: Sql): Promise<number> {
		const rows = await this.#query(sql, 'SELECT max(version) AS v FROM liqmap_schema');
		return Number(rows[0]?.v ?? 0);
	}

	async #migrate(): Promise<void> {
		await this.sql.begin(async (tx) => {
			await tx.unsafe(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
			await tx.unsafe(VERSION_TABLE);
			for (const migration of pendingMigrations(await this.#version(tx), this.location)) {
				for (const statement of migration.statements) await tx.unsafe(statement);
				await tx.unsafe('DELETE FROM liqmap_schema');
				await this.#query(tx, 'INSERT INTO liqmap_schema (version) VALUES (?)', [migration.version]);
			}
		});
	}

	async schemaVersion(): Promise<number> {
		return this.#version(this.sql);
	}

	async #insert(tx: Sql, single: string, columns: number, rows: Value[][]): Promise<number> {
		let inserted = 0;
		const perStatement = Math.floor(MAX_PARAMETERS / columns);
		for (let start = 0; start < rows.length; start += perStatement) {
			const chunk = rows.slice(start, start + perStatement);
			const result = await this.#query(tx, multiRow(single, columns, chunk.length), chunk.flat());
			inserted += result.count;
		}
		return inserted;
	}

	async write(batch: RecordBatch): Promise<WriteCounts> {
		// Upserts of the same key twice in one statement are refused by PostgreSQL: one row per key (the widest outage,
		// the latest time seen).
		const outages = new Map<string, RecordedOutage>();
		for (const o of batch.outages) {
			const key = `${o.exchange}:${o.from}`;
			const known = outages.get(key);
			outages.set(key, known && known.to >= o.to ? known : o);
		}
		const seen = new Map<string, number>();
		for (const s of batch.seen) seen.set(s.exchange, Math.max(seen.get(s.exchange) ?? 0, s.time));
		return (await this.sql.begin(async (tx) => {
			const counts: WriteCounts = {
			candles: await this.#insert(tx, INSERT.candles, COLUMNS.candles, batch.candles.map((c) => [c.exchange, c.timeframe, c.time, c.open, c.high, c.low, c.close, c.volume])),
			openInterest: await this.#insert(tx, INSERT.openInterest, COLUMNS.openInterest, batch.openInterest.map((o) => [o.exchange, o.time, o.value])),
			funding: await this.#insert(tx, INSERT.funding, COLUMNS.funding, batch.funding.map((f) => [f.exchange, f.time, f.rate, f.nextFundingTime])),
			liquidations: await this.#insert(tx, INSERT.liquidations, COLUMNS.liquidations, batch.liquidations.map((p) => [p.exchange, p.time, p.side, p.price, p.amount, p.notional])),
			outages: await this.#insert(tx, INSERT.outages('GREATEST'), COLUMNS.outages, [...outages.values()].map((o) => [o.exchange, o.from, o.to, o.reason]))
			};
			await this.#insert(tx, INSERT.seen('GREATEST'), COLUMNS.seen, [...seen.entries()].map(([exchange, time]) => [exchange, time]));
			return counts;
		})) as WriteCounts;
	}

	async candles(exchange: ExchangeId, timeframe: Timeframe, range: TimeRange): Promise<Candle[]> {
		const rows = await this.#query(this.sql, SELECT.candles, [exchange, timeframe, range.from, range.to]);
		return rows.map((r) => ({ time: Number(r.time), open: Number(r.open), high: Number(r.high), low: Number(r.low), close: Number(r.close), volume: Number(r.volume) }));
	}

	async openInterest(exchange: ExchangeId, range: TimeRange): Promise<OpenInterestRow[]> {
		const rows = await this.#query(this.sql, SELECT.openInterest, [exchange, range.from, range.to]);
		return rows.map((r) => ({ exchange, time: Number(r.time), value: Number(r.value) }));
	}

	async funding(exchange: ExchangeId, range: TimeRange): Promise<FundingRow[]> {
		const rows = await this.#query(this.sql, SELECT.funding, [exchange, range.from, range.to]);
		return rows.map((r) => ({ exchange, time: Number(r.time), rate: Number(r.rate), nextFundingTime: r.next_funding_time === null ? null : Number(r.next_funding_time) }));
	}

	async liquidations(exchanges: readonly ExchangeId[], range: TimeRange, limit = Number.MAX_SAFE_INTEGER): Promise<LiquidationPrint[]> {
		if (exchanges.length === 0) return [];
		const rows = await this.#query(this.sql, SELECT.liquidations(exchanges.length), [...exchanges, range.from, range.to, limit]);
		return [...rows].reverse().map(printOf);
	}

	async outages(exchanges: readonly ExchangeId[], range: TimeRange): Promise<RecordedOutage[]> {
		if (exchanges.length === 0) return [];
		const rows = await this.#query(this.sql, SELECT.outages(exchanges.length), [...exchanges, range.from, range.to]);
		return rows.map((r) => ({ exchange: r.exchange as ExchangeId, from: Number(r.from_time), to: Number(r.to_time), reason: r.reason as RecordedOutage['reason'] }));
	}

	async latest(exchange: ExchangeId, timeframe: Timeframe): Promise<LatestTimes> {
		const values = await Promise.all(
			SELECT.latest.map(async (text, i) => {
				const rows = await this.#query(this.sql, text, i === 0 ? [exchange, timeframe] : [exchange]);
				const value = rows[0]?.t;
				return value === null || value === undefined ? null : Number(value);
			})
		);
		const [candle, openInterest, funding, print, lastSeen] = values;
		return { candle, openInterest, funding, print, lastSeen };
	}

	async counts(): Promise<WriteCounts> {
		const count = async (text: string) => Number((await this.#query(this.sql, text))[0].n);
		const { counts } = SELECT;
		return {
			liquidations: await count(counts.liquidations),
			candles: await count(counts.candles),
			openInterest: await count(counts.openInterest),
			funding: await count(counts.funding),
			outages: await count(counts.outages)
		};
	}

	async sizeBytes(): Promise<number> {
		const rows = await this.#query(this.sql, 'SELECT pg_database_size(current_database()) AS n');
		return Number(rows[0].n);
	}

	async prune(before: number): Promise<number> {
		return this.sql.begin(async (tx) => {
			let removed = 0;
			for (const text of PRUNE) removed += (await this.#query(tx, text, [before])).count;
			return removed;
		});
	}

	async close(): Promise<void> {
		await this.sql.end({ timeout: 2 });
	}
}
