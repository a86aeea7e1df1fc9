/**
 * Recording settings from the environment, checked like `config.ts` (a bad value refuses to start, naming it):
 * - `LIQMAP_DB`: the database, a SQLite file path (default `./data/liqmap.sqlite`) or `postgres://user@host:port/db`;
 * - `LIQMAP_RECORD`: exchanges the app server records while it runs, comma-separated (`binanceusdm,bybit,okx` or
 *   `all`; default none);
 * - `LIQMAP_RETENTION_DAYS`: recorded rows older than this are deleted (1–36500, default 365).
 */
import { ConfigError } from '../config.ts';
import { EXCHANGE_IDS, type ExchangeId } from '../exchanges.ts';
import { dbTarget } from './open-store.ts';

export interface RecorderConfig {
	db: string;
	/** Whether `LIQMAP_DB` was set (else the default file is read only when it exists). */
	dbGiven: boolean;
	record: ExchangeId[];
	retentionDays: number;
}

/** `binanceusdm,bybit` or `all` → exchange ids; `what` names the variable or option in the message. */
export function parseExchangeList(raw: string, what: string): ExchangeId[] {
	const names = raw.split(',').map((name) => name.trim()).filter(Boolean);
	if (names.length === 1 && names[0] === 'all') return [...EXCHANGE_IDS];
	const ids: ExchangeId[] = [];
	for (const name of names) {
		if (!(EXCHANGE_IDS as readonly string[]).includes(name)) throw new ConfigError(`${what}: ${JSON.stringify(name)} is not an exchange with a stream (expected ${EXCHANGE_IDS.join(', ')} or all)`);
		if (!ids.includes(name as ExchangeId)) ids.push(name as ExchangeId);
	}
	if (ids.length === 0) throw new ConfigError(`${what}: name at least one exchange (${EXCHANGE_IDS.join(', ')} or all)`);
	return ids;
}

export function readRecorderConfig(env: Record<string, string | undefined> = process.env): RecorderConfig {
	const rawRecord = env.LIQMAP_RECORD?.trim() ?? '';
	const record = rawRecord === '' ? [] : parseExchangeList(rawRecord, `LIQMAP_RECORD=${JSON.stringify(rawRecord)}`);
	const rawDays = env.LIQMAP_RETENTION_DAYS?.trim() ?? '';
	let retentionDays = 365;
	if (rawDays !== '') {
		retentionDays = Number(rawDays);
		if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 36_500)
			throw new ConfigError(`LIQMAP_RETENTION_DAYS=${JSON.stringify(rawDays)}: expected a whole number of days from 1 to 36500`);
	}
	return { db: dbTarget(env), dbGiven: Boolean(env.LIQMAP_DB?.trim()), record, retentionDays };
}
