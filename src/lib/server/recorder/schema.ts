/**
 * The recorder's schema, one text for SQLite and PostgreSQL: numbered migrations applied in order inside one
 * transaction each, the version kept in `liqmap_schema`. A database whose version is newer than the last migration
 * here was written by a newer liqmap and is refused (`SchemaError`), never altered; an older one is migrated.
 *
 * Natural keys make every write idempotent (`INSERT … ON CONFLICT DO NOTHING`): a candle is (exchange, timeframe,
 * open time), open interest and funding (exchange, time), a liquidation print (exchange, time, side, price, amount):
 * the exchanges give prints no id, and two prints equal in all of these are one message seen twice. An outage is
 * (exchange, start); a later write of the same outage extends its end.
 * Units: times in ms UTC (BIGINT), prices and notional in USDT, amounts in BTC, funding rate per 8 h as a fraction.
 */

export interface Migration {
	version: number;
	statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		statements: [
			`CREATE TABLE candles (exchange TEXT NOT NULL, timeframe TEXT NOT NULL, time BIGINT NOT NULL,
				open DOUBLE PRECISION NOT NULL, high DOUBLE PRECISION NOT NULL, low DOUBLE PRECISION NOT NULL,
				close DOUBLE PRECISION NOT NULL, volume DOUBLE PRECISION NOT NULL, PRIMARY KEY (exchange, timeframe, time))`,
			`CREATE TABLE open_interest (exchange TEXT NOT NULL, time BIGINT NOT NULL, value DOUBLE PRECISION NOT NULL,
				PRIMARY KEY (exchange, time))`,
			`CREATE TABLE funding (exchange TEXT NOT NULL, time BIGINT NOT NULL, rate DOUBLE PRECISION NOT NULL,
				next_funding_time BIGINT, PRIMARY KEY (exchange, time))`,
			`CREATE TABLE liquidations (exchange TEXT NOT NULL, time BIGINT NOT NULL, side TEXT NOT NULL,
				price DOUBLE PRECISION NOT NULL, amount DOUBLE PRECISION NOT NULL, notional DOUBLE PRECISION NOT NULL,
				PRIMARY KEY (exchange, time, side, price, amount))`,
			`CREATE TABLE outages (exchange TEXT NOT NULL, from_time BIGINT NOT NULL, to_time BIGINT NOT NULL,
				reason TEXT NOT NULL, PRIMARY KEY (exchange, from_time))`
		]
	},
	{
		version: 2,
		statements: [
			// Queries over all exchanges by time (export, calibration, retention).
			'CREATE INDEX liquidations_by_time ON liquidations (time)',
			// When the recorder last wrote for an exchange: on restart, prints since then are an outage.
			'CREATE TABLE recorder_state (exchange TEXT PRIMARY KEY, last_seen BIGINT NOT NULL)'
		]
	}
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export const VERSION_TABLE = 'CREATE TABLE IF NOT EXISTS liqmap_schema (version INTEGER NOT NULL)';

/** A database this liqmap cannot use (written by a newer version): the message says what to do. */
export class SchemaError extends Error {
	constructor(location: string, found: number) {
		super(
			`${location} has schema version ${found}, newer than this liqmap's ${SCHEMA_VERSION}: it was written by a newer liqmap; upgrade liqmap (the database is left as it is)`
		);
		this.name = 'SchemaError';
	}
}

/** The migrations still to apply to a database at `current`; throws `SchemaError` for a newer one. */
export function pendingMigrations(current: number, location: string): readonly Migration[] {
	if (current > SCHEMA_VERSION) throw new SchemaError(location, current);
	return MIGRATIONS.filter((migration) => migration.version > current);
}
