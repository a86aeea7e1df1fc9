/**
 * Both databases for one test: a fresh SQLite file in a temporary folder, and a fresh schema of the throwaway
 * PostgreSQL cluster of the global setup (`postgres.setup.ts`). `STORE_KINDS` feeds `describe.each`; the PostgreSQL
 * half is skipped only when `LIQMAP_TEST_SKIP_POSTGRES=1` said so (the setup fails otherwise).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { startDemo, type DemoHarness } from '../server/streams/demo-harness.ts';
import { openStore } from '../../src/lib/server/recorder/open-store.ts';
import type { RecordStore } from '../../src/lib/server/recorder/store.ts';

export type StoreKind = 'sqlite' | 'postgres';
export const STORE_KINDS: StoreKind[] = ['sqlite', 'postgres'];

let counter = 0;

export function postgresUrl(): string | null {
	return inject('postgresUrl');
}

/** Where a fresh store of this kind lives, and the options that keep it apart from other tests. */
export function freshTarget(kind: StoreKind): { target: string; schema?: string } {
	counter++;
	if (kind === 'sqlite') return { target: join(mkdtempSync(join(tmpdir(), 'liqmap-db-')), 'liqmap.sqlite') };
	const url = postgresUrl();
	if (!url) throw new Error('no PostgreSQL for this run');
	return { target: url, schema: `t_${process.pid}_${counter}_${Math.floor(Math.random() * 1e6)}` };
}

export async function freshStore(kind: StoreKind, busyTimeoutMs?: number): Promise<RecordStore & { reopen(): Promise<RecordStore> }> {
	const { target, schema } = freshTarget(kind);
	const store = await openStore(target, { schema, busyTimeoutMs });
	return Object.assign(store, { reopen: () => openStore(target, { schema, busyTimeoutMs }) });
}

/** A PostgreSQL URL whose connections start in `schema` (a startup parameter; for the CLI and child processes). */
export function urlWithSchema(url: string, schema: string): string {
	return `${url}${url.includes('?') ? '&' : '?'}search_path=${schema}`;
}

/** What the command line's `--db` is for a fresh store of this kind. */
export function cliTarget(kind: StoreKind, target: string, schema?: string): string {
	return kind === 'postgres' ? urlWithSchema(target, schema!) : target;
}

export const skipPostgres = (kind: StoreKind) => kind === 'postgres' && postgresUrl() === null;

/** Prints in key order (time, side, price, amount): within one millisecond the database's order is not arrival order. */
export const byKey = <T extends { time: number; side: string; price: number; amount: number }>(prints: T[]) =>
	[...prints].sort((a, b) => a.time - b.time || a.side.localeCompare(b.side) || a.price - b.price || a.amount - b.amount);

/** The demo market for one database kind's tests (not started when that kind is skipped); call inside a test. */
export function demoFor(kind: StoreKind): () => DemoHarness {
	let harness: DemoHarness | undefined;
	beforeAll(async () => {
		if (!skipPostgres(kind)) harness = await startDemo();
	});
	afterAll(() => harness?.close());
	return () => harness!;
}
