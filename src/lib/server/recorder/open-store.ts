/**
 * Which store a target names: `postgres://…` (or `postgresql://…`) is PostgreSQL, anything else a SQLite file path.
 * `LIQMAP_DB` sets it for the app and the recorder (default `./data/liqmap.sqlite`); `--db` for one command.
 */
import { existsSync } from 'node:fs';
import { PostgresStore, type PostgresOptions } from './postgres-store.ts';
import { SqliteStore } from './sqlite-store.ts';
import { isPostgresUrl, type RecordStore } from './store.ts';

export const DEFAULT_DB = './data/liqmap.sqlite';

export interface OpenOptions extends PostgresOptions {
	/** SQLite: refuse a file that does not exist yet (readers: export, calibrate) instead of creating it. */
	mustExist?: boolean;
	busyTimeoutMs?: number;
}

/** A store the user named that cannot be opened: the message says which and why (no stack). */
export class StoreError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'StoreError';
	}
}

export async function openStore(target: string, options: OpenOptions = {}): Promise<RecordStore> {
	if (isPostgresUrl(target)) {
		try {
			return await PostgresStore.open(target, options);
		} catch (error) {
			if (error instanceof Error && error.name === 'SchemaError') throw error;
			throw new StoreError(`PostgreSQL at ${target.replace(/:[^:@/]*@/, ':***@')} could not be opened: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	if (options.mustExist && !existsSync(target)) throw new StoreError(`${target}: no such database file (record into it first: liqmap record --db ${target})`);
	try {
		return new SqliteStore(target, { busyTimeoutMs: options.busyTimeoutMs });
	} catch (error) {
		if (error instanceof Error && error.name === 'SchemaError') throw error;
		throw new StoreError(`${target}: could not be opened as a SQLite database: ${error instanceof Error ? error.message : String(error)}`);
	}
}

/** The database of the app and the recorder: `LIQMAP_DB`, else the default file. */
export function dbTarget(env: Record<string, string | undefined> = process.env): string {
	return env.LIQMAP_DB?.trim() || DEFAULT_DB;
}
