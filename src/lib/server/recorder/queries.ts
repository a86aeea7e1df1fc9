/**
 * The SQL both stores run, with `?` placeholders (the PostgreSQL store numbers them `$1…`). Only the outage upsert
 * differs: the larger of two ends is `max()` in SQLite and `GREATEST()` in PostgreSQL.
 */
export const INSERT = {
	candles: 'INSERT INTO candles (exchange, timeframe, time, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
	openInterest: 'INSERT INTO open_interest (exchange, time, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
	funding: 'INSERT INTO funding (exchange, time, rate, next_funding_time) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
	liquidations: 'INSERT INTO liquidations (exchange, time, side, price, amount, notional) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
	outages: (greatest: 'max' | 'GREATEST') =>
		`INSERT INTO outages (exchange, from_time, to_time, reason) VALUES (?, ?, ?, ?) ON CONFLICT (exchange, from_time) DO UPDATE SET to_time = ${greatest}(outages.to_time, excluded.to_time)`,
	seen: (greatest: 'max' | 'GREATEST') =>
		`INSERT INTO recorder_state (exchange, last_seen) VALUES (?, ?) ON CONFLICT (exchange) DO UPDATE SET last_seen = ${greatest}(recorder_state.last_seen, excluded.last_seen)`
} as const;

/** Columns per row of each insert (PostgreSQL sends many rows in one statement, within its 65,535 parameters). */
export const COLUMNS = { candles: 8, openInterest: 3, funding: 4, liquidations: 6, outages: 4, seen: 2 } as const;

export const SELECT = {
	candles: 'SELECT time, open, high, low, close, volume FROM candles WHERE exchange = ? AND timeframe = ? AND time >= ? AND time <= ? ORDER BY time',
	openInterest: 'SELECT exchange, time, value FROM open_interest WHERE exchange = ? AND time >= ? AND time <= ? ORDER BY time',
	funding: 'SELECT exchange, time, rate, next_funding_time FROM funding WHERE exchange = ? AND time >= ? AND time <= ? ORDER BY time',
	/** `IN (…)` is filled with one `?` per exchange. */
	liquidations: (exchanges: number) =>
		`SELECT exchange, time, side, price, amount, notional FROM liquidations WHERE exchange IN (${placeholders(exchanges)}) AND time >= ? AND time <= ? ORDER BY time DESC, exchange, side, price, amount LIMIT ?`,
	outages: (exchanges: number) =>
		`SELECT exchange, from_time, to_time, reason FROM outages WHERE exchange IN (${placeholders(exchanges)}) AND to_time >= ? AND from_time <= ? ORDER BY from_time, exchange`,
	latest: [
		'SELECT max(time) AS t FROM candles WHERE exchange = ? AND timeframe = ?',
		'SELECT max(time) AS t FROM open_interest WHERE exchange = ?',
		'SELECT max(time) AS t FROM funding WHERE exchange = ?',
		'SELECT max(time) AS t FROM liquidations WHERE exchange = ?',
		'SELECT max(last_seen) AS t FROM recorder_state WHERE exchange = ?'
	],
	counts: {
		liquidations: 'SELECT count(*) AS n FROM liquidations',
		candles: 'SELECT count(*) AS n FROM candles',
		openInterest: 'SELECT count(*) AS n FROM open_interest',
		funding: 'SELECT count(*) AS n FROM funding',
		outages: 'SELECT count(*) AS n FROM outages'
	}
} as const;

export const PRUNE = [
	'DELETE FROM liquidations WHERE time < ?',
	'DELETE FROM candles WHERE time < ?',
	'DELETE FROM open_interest WHERE time < ?',
	'DELETE FROM funding WHERE time < ?',
	'DELETE FROM outages WHERE to_time < ?'
];

export function placeholders(count: number): string {
	return Array.from({ length: count }, () => '?').join(', ');
}

/** A row of the liquidations table as the API's print. */
export function printOf(row: Record<string, unknown>) {
	return {
		time: Number(row.time),
		exchange: row.exchange as never,
		side: row.side as 'long' | 'short',
		price: Number(row.price),
		amount: Number(row.amount),
		notional: Number(row.notional)
	};
}
