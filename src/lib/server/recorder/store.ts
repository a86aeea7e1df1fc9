/**
 * What the recorder keeps and how it is read, whatever the database: `SqliteStore` (the embedded default,
 * `./data/liqmap.sqlite`) and `PostgresStore` (`postgres://…`, shared by several app instances) implement the same
 * interface over the same schema (`schema.ts`) and the same queries (`queries.ts`). Every write is one transaction;
 * rows already stored are skipped (natural keys), and the counts say how many were new.
 * Units: ms UTC, USDT, BTC, funding rate per 8 h.
 */
import type { Candle, Timeframe } from '../../core/types.ts';
import type { ExchangeId } from '../exchanges.ts';
import type { LiquidationPrint } from '../../stream-types.ts';

export interface CandleRow extends Candle {
	exchange: ExchangeId;
	timeframe: Timeframe;
}

export interface OpenInterestRow {
	exchange: ExchangeId;
	time: number;
	/** USDT. */
	value: number;
}

export interface FundingRow {
	exchange: ExchangeId;
	time: number;
	rate: number;
	nextFundingTime: number | null;
}

export type OutageReason = 'stream-down' | 'recorder-stopped' | 'buffer-full';

/** A closed span without prints of one exchange. */
export interface RecordedOutage {
	exchange: ExchangeId;
	from: number;
	to: number;
	reason: OutageReason;
}

export type RecordKind = 'candles' | 'openInterest' | 'funding' | 'liquidations' | 'outages';
export const RECORD_KINDS: readonly RecordKind[] = ['liquidations', 'candles', 'openInterest', 'funding', 'outages'];

export interface RecordBatch {
	candles: CandleRow[];
	openInterest: OpenInterestRow[];
	funding: FundingRow[];
	liquidations: LiquidationPrint[];
	outages: RecordedOutage[];
	/** The recorder was running for these exchanges at this time (resume point of the next start). */
	seen: { exchange: ExchangeId; time: number }[];
}

export function emptyBatch(): RecordBatch {
	return { candles: [], openInterest: [], funding: [], liquidations: [], outages: [], seen: [] };
}

/** Rows newly stored per kind (the rest were already there). */
export type WriteCounts = Record<RecordKind, number>;

export interface TimeRange {
	from: number;
	to: number;
}

export interface LatestTimes {
	candle: number | null;
	openInterest: number | null;
	funding: number | null;
	print: number | null;
	lastSeen: number | null;
}

export interface RecordStore {
	readonly kind: 'sqlite' | 'postgres';
	/** The file, or the PostgreSQL URL without its password. */
	readonly location: string;
	write(batch: RecordBatch): Promise<WriteCounts>;
	candles(exchange: ExchangeId, timeframe: Timeframe, range: TimeRange): Promise<Candle[]>;
	openInterest(exchange: ExchangeId, range: TimeRange): Promise<OpenInterestRow[]>;
	funding(exchange: ExchangeId, range: TimeRange): Promise<FundingRow[]>;
	/** Oldest first; at most `limit` (the newest ones when cut). */
	liquidations(exchanges: readonly ExchangeId[], range: TimeRange, limit?: number): Promise<LiquidationPrint[]>;
	outages(exchanges: readonly ExchangeId[], range: TimeRange): Promise<RecordedOutage[]>;
	latest(exchange: ExchangeId, timeframe: Timeframe): Promise<LatestTimes>;
	counts(): Promise<WriteCounts>;
	/** Bytes on disk (SQLite: the file and its write-ahead log; PostgreSQL: the database). */
	sizeBytes(): Promise<number>;
	/** Deletes rows older than `before` (ms); returns how many. */
	prune(before: number): Promise<number>;
	schemaVersion(): Promise<number>;
	close(): Promise<void>;
}

/** The PostgreSQL URL without its password, for messages and status lines. */
export function redactUrl(url: string): string {
	return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/, '$1:***@');
}

export function isPostgresUrl(target: string): boolean {
	return /^postgres(ql)?:\/\//.test(target);
}
