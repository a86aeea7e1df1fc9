/**
 * The app server's recorded history: the store of `LIQMAP_DB` (opened on first use; the default file only when it
 * exists or the server records), and the recorder of `LIQMAP_RECORD` on the process-wide stream hub. Reads that fail
 * (database locked, PostgreSQL down) return null and the routes serve what the exchanges give: the server keeps
 * serving whatever happens to the database.
 */
import { existsSync } from 'node:fs';
import { liveSources } from '../live-sources.ts';
import { streamHub } from '../streams/stream-hub.ts';
import { restGapFill } from './gap-fill.ts';
import { openStore } from './open-store.ts';
import { Recorder, type RecorderStatus } from './recorder.ts';
import { readRecorderConfig, type RecorderConfig } from './recorder-config.ts';
import { isPostgresUrl, type RecordStore } from './store.ts';

/** What the app shows of the recording (`/api/recording`). */
export interface RecordingInfo {
	database: { kind: 'sqlite' | 'postgres'; location: string; sizeBytes: number | null } | null;
	retentionDays: number;
	recorder: RecorderStatus | null;
	/** Why the database could not be read, in plain words. */
	error: string | null;
}

let store: Promise<RecordStore | null> | null = null;
let recorder: Recorder | null = null;
let lastError: string | null = null;
let failedAt = -Infinity;
let config: RecorderConfig | null = null;

/** After a failed open, the database is tried again only after this long (ms): requests meanwhile do not wait for it. */
const REOPEN_AFTER_MS = 30_000;
/** How long opening a PostgreSQL connection may take in the server (s). */
const CONNECT_TIMEOUT_SEC = 3;

function recorderConfig(): RecorderConfig {
	config ??= readRecorderConfig();
	return config;
}

/** The app's store, or null when nothing is recorded here (or it cannot be opened: `recordingInfo().error` says why). */
export function recordedStore(): Promise<RecordStore | null> {
	if (store) return store;
	const { db, dbGiven, record } = recorderConfig();
	if (!dbGiven && record.length === 0 && !isPostgresUrl(db) && !existsSync(db)) return Promise.resolve(null);
	if (Date.now() - failedAt < REOPEN_AFTER_MS) return Promise.resolve(null);
	const opening = openStore(db, { connectTimeoutSec: CONNECT_TIMEOUT_SEC }).then(
		(opened) => {
			lastError = null;
			return opened;
		},
		(error: unknown) => {
			lastError = error instanceof Error ? error.message : String(error);
			failedAt = Date.now();
			store = null;
			return null;
		}
	);
	store = opening;
	return opening;
}

/** Starts recording `LIQMAP_RECORD` (server start-up; does nothing when it is empty). */
export async function startServerRecorder(): Promise<void> {
	const { record, retentionDays } = recorderConfig();
	if (record.length === 0 || recorder) return;
	const opened = await recordedStore();
	if (!opened) {
		// The database is down at start-up: tried again later, the server serving meanwhile.
		setTimeout(() => void startServerRecorder().catch(() => undefined), REOPEN_AFTER_MS).unref();
		return;
	}
	recorder = new Recorder(opened, streamHub(), record, { retentionDays }, restGapFill(liveSources()));
	await recorder.start();
}

export async function recordingInfo(): Promise<RecordingInfo> {
	const opened = await recordedStore();
	let sizeBytes: number | null = null;
	if (opened) sizeBytes = await opened.sizeBytes().catch(() => null);
	return {
		database: opened ? { kind: opened.kind, location: opened.location, sizeBytes } : null,
		retentionDays: recorderConfig().retentionDays,
		recorder: recorder?.status() ?? null,
		error: lastError
	};
}

/** Tests: forget the store and recorder (closing them). */
export async function resetRecordedData(next: { store?: RecordStore | null; config?: RecorderConfig } = {}): Promise<void> {
	await recorder?.stop();
	recorder = null;
	store = next.store === undefined ? null : Promise.resolve(next.store);
	config = next.config ?? null;
	lastError = null;
	failedAt = -Infinity;
}
