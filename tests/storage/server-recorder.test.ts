/**
 * The app server's recorder (`LIQMAP_RECORD`): started on the process-wide stream hub (here the demo market's, on its
 * manual clock), it records what the hub passes on, and `/api/recording` reports its state, the database and its
 * size. Expected: the prints a listener of the same hub received.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { resetLiveSources } from '../../src/lib/server/live-sources.ts';
import { recordingInfo, resetRecordedData, startServerRecorder } from '../../src/lib/server/recorder/recorded-data.ts';
import { readRecorderConfig } from '../../src/lib/server/recorder/recorder-config.ts';
import { resetStreamHub } from '../../src/lib/server/streams/stream-hub.ts';
import { connected, listen, START, startDemo, stepTo, type DemoHarness } from '../server/streams/demo-harness.ts';
import { freshStore } from './stores.ts';

let harness: DemoHarness;
beforeAll(async () => {
	harness = await startDemo();
});
afterAll(async () => {
	await resetRecordedData();
	resetStreamHub(null);
	await harness.close();
});

it('records LIQMAP_RECORD on the shared hub and reports it', async () => {
	const store = await freshStore('sqlite');
	resetLiveSources(harness.live.config);
	resetStreamHub(harness.hub);
	const config = readRecorderConfig({ LIQMAP_RECORD: 'bybit', LIQMAP_DB: store.location, LIQMAP_RETENTION_DAYS: '90' });
	expect(config).toEqual({ db: store.location, dbGiven: true, record: ['bybit'], retentionDays: 90 });
	await resetRecordedData({ store, config });
	const listener = listen(harness.hub, ['bybit']);
	await connected(harness, 'bybit', listener, 3);
	await startServerRecorder();
	await stepTo(harness, START + 300_000, listener);
	const info = await recordingInfo();
	expect(info).toMatchObject({ database: { kind: 'sqlite', location: store.location }, retentionDays: 90, recorder: { state: 'recording', exchanges: ['bybit'] }, error: null });
	expect(info.database!.sizeBytes).toBeGreaterThan(0);
	await resetRecordedData({ store });
	expect((await store.liquidations(['bybit'], { from: START, to: Number.MAX_SAFE_INTEGER })).length).toBe(listener.of('liquidation').length);
	listener.stop();
	await store.close();
});

it('refuses bad recording settings with a message naming them', () => {
	expect(() => readRecorderConfig({ LIQMAP_RECORD: 'bybit,kraken' })).toThrow('LIQMAP_RECORD="bybit,kraken": "kraken" is not an exchange with a stream (expected binanceusdm, bybit, okx or all)');
	expect(() => readRecorderConfig({ LIQMAP_RETENTION_DAYS: '0' })).toThrow('LIQMAP_RETENTION_DAYS="0": expected a whole number of days from 1 to 36500');
	expect(readRecorderConfig({ LIQMAP_RECORD: 'all' }).record).toEqual(['binanceusdm', 'bybit', 'okx']);
	expect(readRecorderConfig({})).toEqual({ db: './data/liqmap.sqlite', dbGiven: false, record: [], retentionDays: 365 });
});
