/**
 * The routes over recorded history, on both databases, through the handlers the routes call:
 * - `/api/liquidations` merges the hub's ring with the recorded prints (one copy of a print seen by both) and outages;
 * - `/api/derivatives` answers from the recording when it covers the lookback, without asking the exchange (which is
 *   a closed port here: asking it would fail the request), and asks it when the recording does not;
 * - `/api/realised` runs the realised calibration of the recorded lookback on a worker thread: equal to the run in
 *   process;
 * - `/api/recording` names the database and its size; a live analysis' open interest is extended from the recording.
 * Expected values are the rows the test wrote.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { defaultAnalysisParams } from '../../src/lib/core/analysis/params.ts';
import { calibrateRealised, DEFAULT_REALISED, realisedToJson } from '../../src/lib/core/calibration/realised.ts';
import { LiveSources } from '../../src/lib/server/live-sources.ts';
import { recordedStore, resetRecordedData } from '../../src/lib/server/recorder/recorded-data.ts';
import { derivativesWithRecord, liquidationsWithRecord, realisedApi, recordingApi } from '../../src/lib/server/recorder/recorded-api.ts';
import { realisedSeries, withRecordedOpenInterest } from '../../src/lib/server/recorder/recorded-series.ts';
import { emptyBatch, type RecordStore } from '../../src/lib/server/recorder/store.ts';
import { sampleCandles } from '../../src/lib/server/sample-source.ts';
import { StreamHub } from '../../src/lib/server/streams/stream-hub.ts';
import { freshStore, skipPostgres, STORE_KINDS } from './stores.ts';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 5, 1);
/** Exchanges at a closed loopback port: any request to them fails. */
const live = new LiveSources({ defaultSource: 'sample', upstreamTimeoutMs: 2000, maxUpstream: 2, analysisWorkers: 1, analysisQueue: 1, exchangeOrigins: { bybit: 'http://127.0.0.1:9', okx: 'http://127.0.0.1:9', binanceusdm: 'http://127.0.0.1:9' } });
const api = (path: string) => new URL(path, 'http://localhost');
const print = (time: number, price: number) => ({ exchange: 'bybit' as const, time, side: 'long' as const, price, amount: 0.1, notional: price * 0.1 });

afterEach(() => resetRecordedData());

describe.each(STORE_KINDS)('routes over a %s recording', (kind) => {
	it.skipIf(skipPostgres(kind))('/api/liquidations: the ring and the recording merged, once each', async () => {
		const store = await freshStore(kind);
		await store.write({ ...emptyBatch(), liquidations: [print(NOW - 3000, 100), print(NOW - 2000, 101)], outages: [{ exchange: 'bybit', from: NOW - 9000, to: NOW - 8000, reason: 'recorder-stopped' }] });
		const hub = new StreamHub({ live, config: { wsOrigins: {} } });
		hub.ring.add(print(NOW - 2000, 101));
		hub.ring.add(print(NOW - 1000, 102));
		const result = await liquidationsWithRecord(api('/api/liquidations?source=bybit&since=0'), hub, live, Promise.resolve(store));
		expect(result.status).toBe(200);
		expect(result.body).toEqual({
			source: 'bybit',
			liquidations: [print(NOW - 3000, 100), print(NOW - 2000, 101), print(NOW - 1000, 102)],
			outages: [{ exchange: 'bybit', from: NOW - 9000, to: NOW - 8000 }],
			streaming: []
		});
		// A database that fails to answer: the ring alone, as without a recording (the server keeps serving).
		const failing = Object.assign(Object.create(store), { liquidations: () => Promise.reject(new Error('database is locked')) }) as RecordStore;
		const ringOnly = await liquidationsWithRecord(api('/api/liquidations?source=bybit'), hub, live, Promise.resolve(failing));
		expect(ringOnly).toMatchObject({ status: 200, body: { liquidations: [print(NOW - 2000, 101), print(NOW - 1000, 102)], outages: [] } });
		const limited = await liquidationsWithRecord(api('/api/liquidations?source=bybit&limit=2'), hub, live, Promise.resolve(store));
		expect((limited.body as { liquidations: { price: number }[] }).liquidations.map((p) => p.price)).toEqual([101, 102]);
		await store.close();
	});

	it.skipIf(skipPostgres(kind))('/api/derivatives: from the recording when it covers the lookback, else from the exchange', async () => {
		const store = await freshStore(kind);
		const batch = emptyBatch();
		// Every 20 minutes for 8 days up to NOW: per 1-hour candle the last sample (minute 40) is kept.
		for (let t = NOW - 8 * 24 * HOUR; t <= NOW; t += HOUR / 3) batch.openInterest.push({ exchange: 'bybit', time: t, value: 1e9 + (t - NOW) / 1e6 });
		for (let t = NOW - 8 * 24 * HOUR; t <= NOW; t += 8 * HOUR) batch.funding.push({ exchange: 'bybit', time: t, rate: 0.0001, nextFundingTime: null });
		await store.write(batch);
		const result = await derivativesWithRecord(api('/api/derivatives?source=bybit&timeframe=1h&lookback=7'), live, NOW, Promise.resolve(store));
		expect(result.status).toBe(200);
		const body = result.body as { openInterest: { time: number; value: number }[]; funding: unknown[] };
		// 7 days of 1-hour candles from NOW − 7 d: 168 full hours (last sample of each at minute 40) + NOW itself.
		expect(body.openInterest).toHaveLength(7 * 24 + 1);
		expect(body.openInterest[0]).toEqual({ time: NOW - 7 * 24 * HOUR + (2 * HOUR) / 3, value: 1e9 + (-7 * 24 * HOUR + (2 * HOUR) / 3) / 1e6 });
		expect(body.funding).toHaveLength(7 * 3 + 1);
		// okx has nothing recorded: the exchange is asked (a closed port here), and its failure is the answer.
		const okx = await derivativesWithRecord(api('/api/derivatives?source=okx&timeframe=1h&lookback=7'), live, NOW, Promise.resolve(store));
		expect(okx.status).toBeGreaterThanOrEqual(502);
		await store.close();
	});

	it.skipIf(skipPostgres(kind))('/api/realised: the recorded lookback measured on a worker thread, as in process', async () => {
		const store = await freshStore(kind);
		const candles = sampleCandles().slice(-4000);
		const shift = NOW - 300_000 - candles[candles.length - 1].time;
		const batch = emptyBatch();
		batch.candles = candles.map((c) => ({ ...c, time: c.time + shift, exchange: 'bybit', timeframe: '5m' }));
		candles.forEach((c, i) => i % 3 === 0 && batch.liquidations.push({ ...print(c.time + shift + 60_000, (c.high + c.low) / 2), side: i % 2 ? 'long' : 'short' }));
		await store.write(batch);
		await resetRecordedData({ store, config: { db: 'test', dbGiven: true, record: [], retentionDays: 30 } });
		const result = await realisedApi(api('/api/realised?source=bybit&timeframe=1h&lookback=7'), live, NOW, recordedStore());
		expect(result.status).toBe(200);
		const body = result.body as { recording: { database: { kind: string }; retentionDays: number }; result: unknown; reason: string | null };
		expect(body.recording).toMatchObject({ database: { kind }, retentionDays: 30 });
		const params = { ...defaultAnalysisParams(), timeframe: '1h' as const, lookbackDays: 7 };
		const from = NOW - 7 * 24 * HOUR - DEFAULT_REALISED.warmUp * HOUR;
		expect(body.result).toEqual(realisedToJson(calibrateRealised(await realisedSeries(store, ['bybit'], '1h', { from, to: NOW }), params)));
		expect(body.reason).toBeNull();
		const none = await realisedApi(api('/api/realised?source=okx&timeframe=1h&lookback=7'), live, NOW, recordedStore());
		expect(none.body).toMatchObject({ result: null, reason: 'no candles recorded for this source in the lookback yet' });
		const info = await recordingApi(api('/api/recording'));
		expect((info.body as { database: { sizeBytes: number } }).database.sizeBytes).toBeGreaterThan(0);
		await store.close();
	});

	it.skipIf(skipPostgres(kind))("a live series' open interest starts earlier with the recording, and says so", async () => {
		const store: RecordStore = await freshStore(kind);
		const batch = emptyBatch();
		for (let t = NOW - 10 * HOUR; t < NOW - 4 * HOUR; t += HOUR / 2) batch.openInterest.push({ exchange: 'okx', time: t, value: 5e8 });
		await store.write(batch);
		const candles = Array.from({ length: 10 }, (_, i) => ({ time: NOW - (10 - i) * HOUR, open: 1, high: 2, low: 0.5, close: 1.5, volume: 1 }));
		const served = {
			fetchedAt: NOW,
			fallback: null,
			market: { source: 'okx' as const, name: 'OKX', symbol: 'BTC/USDT:USDT', timeframe: '1h' as const, candles, forming: null, openInterest: [{ time: NOW - 4 * HOUR, notional: 6e8 }], openInterestNote: null, fetchedAt: NOW }
		};
		const extended = await withRecordedOpenInterest(served, store);
		// Recorded half-hourly from NOW − 10 h to NOW − 4.5 h: the last of each hour, 6 samples, then the exchange's one.
		expect(extended.market.openInterest.map((p) => (NOW - p.time) / HOUR)).toEqual([9.5, 8.5, 7.5, 6.5, 5.5, 4.5, 4]);
		expect(extended.market.openInterestNote).toMatch(/read from the recording \(6 samples\), from .* from OKX$/);
		await store.close();
	});
});

describe('a database that cannot be opened', () => {
	it('leaves the routes answering from the exchanges, and /api/recording says why', async () => {
		await resetRecordedData({ config: { db: 'postgres://liqmap@127.0.0.1:9/none', dbGiven: true, record: [], retentionDays: 365 } });
		const hub = new StreamHub({ live, config: { wsOrigins: {} } });
		hub.ring.add(print(NOW - 1000, 102));
		const result = await liquidationsWithRecord(api('/api/liquidations?source=bybit'), hub, live);
		expect(result).toMatchObject({ status: 200, body: { liquidations: [print(NOW - 1000, 102)] } });
		const info = await recordingApi(api('/api/recording'));
		expect(info.body).toMatchObject({ database: null, recorder: null });
		expect((info.body as { error: string }).error).toMatch(/^PostgreSQL at postgres:\/\/liqmap@127\.0\.0\.1:9\/none could not be opened: /);
	});
});
