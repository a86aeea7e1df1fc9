/**
 * A live analysis reads the recorded candles first (`marketWithRecordedCandles`): the recorded 5-minute candles of the
 * demo market's Bybit, resampled to 1 h, then only the newer candles from the loopback exchange.
 *
 * Expected values: the demo market serves every timeframe's candles aggregated from the same 5-minute sample bars
 * (`sample-path.ts`: history candles are the sample's candles re-timed to end at `START`), so the recorded 5-minute
 * candles resampled to 1 h equal the exchange's own 1 h candles, and the merged series equals the exchange-only one.
 * Lookback 7 days at 1 h = 168 candles (7 × 24) opening from START − 168 h; the recording stops 6 h before START.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { defaultAnalysisParams, type AnalysisParams } from '../../src/lib/core/analysis/params.ts';
import { candlesApi } from '../../src/lib/server/api.ts';
import { analyzeLive } from '../../src/lib/server/market-analysis.ts';
import { resetRecordedData } from '../../src/lib/server/recorder/recorded-data.ts';
import { recordedHead } from '../../src/lib/server/recorder/recorded-series.ts';
import { emptyBatch } from '../../src/lib/server/recorder/store.ts';
import type { Candle } from '../../src/lib/core/types.ts';
import type { SourceMeta } from '../../src/lib/api-types.ts';
import { START } from '../server/streams/demo-harness.ts';
import { demoFor, freshStore, skipPostgres, STORE_KINDS } from './stores.ts';

const HOUR = 3_600_000;
const params: AnalysisParams = { ...defaultAnalysisParams(), timeframe: '1h', lookbackDays: 7 };
const SPAN_FROM = START - 168 * HOUR;

/** The `start` (Bybit's kline window start, ms) of each candle request the loopback Bybit received. */
const klineStarts = (requests: readonly string[]) =>
	requests.filter((path) => path.includes('/kline')).map((path) => Number(new URL(path, 'http://x').searchParams.get('start')));

/**
 * Volume: the resampled one is a float sum of twelve 5-minute volumes (2252.2099999999996 for the exchange's 2252.21),
 * so both are compared at 6 decimals; time, open, high, low and close exactly.
 */
const rounded = (candles: Candle[]) => candles.map((c) => ({ ...c, volume: Math.round(c.volume * 1e6) / 1e6 }));

afterAll(() => resetRecordedData());

describe.each(STORE_KINDS)('live analysis over a %s recording', (kind) => {
	const demo = demoFor(kind);

	/** A fresh store holding `edit`'s version of the demo Bybit's 5-minute candles over the span (null: left out). */
	async function recording(edit: (candle: Candle) => Candle | null) {
		const harness = demo();
		const store = await freshStore(kind);
		const fiveMinute = (await harness.live.market('bybit', '5m', 2016, START)).market.candles;
		expect(fiveMinute[0].time).toBe(SPAN_FROM);
		const batch = emptyBatch();
		for (const candle of fiveMinute.map(edit)) if (candle) batch.candles.push({ exchange: 'bybit', timeframe: '5m', ...candle });
		await store.write(batch);
		harness.demo.server('bybit').reset();
		return { harness, bybit: harness.demo.server('bybit'), store, fiveMinute };
	}

	it.skipIf(skipPostgres(kind))('reads the recorded candles, asks the exchange only for the newer ones, and says which came from where', async () => {
		// The recording: Bybit's 5-minute candles from the span's start to 6 h before START.
		const { harness, bybit, store } = await recording((candle) => (candle.time < START - 6 * HOUR ? candle : null));
		expect(await recordedHead(store, 'bybit', '1h', 168, START)).toHaveLength(162);

		await resetRecordedData({ store });
		bybit.reset();
		const recorded = await analyzeLive('bybit', params, harness.live, START);
		// Only the 6 newest hours were asked for, from START − 6 h; then the forming candle's window from START (the
		// pages of `live-market.ts` continue after the newest candle received, up to the forming candle).
		expect(klineStarts(bybit.requests)).toEqual([START - 6 * HOUR, START]);

		await resetRecordedData({ store: null });
		bybit.reset();
		const exchangeOnly = await analyzeLive('bybit', params, harness.live, START);
		expect(klineStarts(bybit.requests)[0]).toBe(SPAN_FROM);

		expect(recorded.reference.market.candles).toHaveLength(168);
		expect(rounded(recorded.reference.market.candles)).toEqual(rounded(exchangeOnly.reference.market.candles));
		expect(recorded.sources[0].recordedCandles).toEqual({
			from: new Date(SPAN_FROM).toISOString(),
			to: new Date(START - 7 * HOUR).toISOString(),
			candles: 162,
			note: 'candles 2026-01-03 00:00 → 2026-01-09 17:00 UTC read from the recording (162 candles), 2026-01-09 18:00 → 2026-01-09 23:00 UTC from Bybit (6)'
		});
		expect(exchangeOnly.sources[0].recordedCandles).toBeUndefined();
		await store.close();
	});

	it.skipIf(skipPostgres(kind))('serves GET /api/candles from the recording first too, its source saying which candles came from where', async () => {
		// The same recording as above (to 6 h before START): the app's chart and worker analysis read the same series.
		const { harness, bybit, store } = await recording((candle) => (candle.time < START - 6 * HOUR ? candle : null));
		const url = new URL('http://x/api/candles?source=bybit&timeframe=1h&limit=168');
		type CandlesBody = { candles: Candle[]; source: SourceMeta };

		await resetRecordedData({ store });
		// The first test's series are cached: these must come from the recording and the exchange.
		harness.live.cache.clear();
		bybit.reset();
		const recorded = (await candlesApi(url, harness.live, START)).body as CandlesBody;
		expect(klineStarts(bybit.requests)).toEqual([START - 6 * HOUR, START]);

		await resetRecordedData({ store: null });
		harness.live.cache.clear();
		bybit.reset();
		const exchangeOnly = (await candlesApi(url, harness.live, START)).body as CandlesBody;
		expect(klineStarts(bybit.requests)[0]).toBe(SPAN_FROM);

		expect(recorded.candles).toHaveLength(168);
		expect(rounded(recorded.candles)).toEqual(rounded(exchangeOnly.candles));
		// 162 recorded hours from START − 168 h to START − 7 h, then the exchange's 6 (as the analysis above).
		expect(recorded.source.recordedCandles).toEqual({
			from: new Date(SPAN_FROM).toISOString(),
			to: new Date(START - 7 * HOUR).toISOString(),
			candles: 162,
			note: 'candles 2026-01-03 00:00 → 2026-01-09 17:00 UTC read from the recording (162 candles), 2026-01-09 18:00 → 2026-01-09 23:00 UTC from Bybit (6)'
		});
		expect(exchangeOnly.source.recordedCandles).toBeUndefined();
		await store.close();
	});

	it.skipIf(skipPostgres(kind))("takes the exchange's last closed candle even when the recording holds it", async () => {
		// The whole span recorded, its last 5-minute close off by 1,000 USDT: the exchange's last hour must win.
		const { harness, bybit, store, fiveMinute } = await recording((candle) => (candle.time === START - 300_000 ? { ...candle, close: candle.close + 1000 } : candle));
		await resetRecordedData({ store });
		bybit.reset();
		const analysis = await analyzeLive('bybit', params, harness.live, START);
		// The last closed hour (START − 1 h) and the forming candle's window (START).
		expect(klineStarts(bybit.requests)).toEqual([START - HOUR, START]);
		const candles = analysis.reference.market.candles;
		expect(candles).toHaveLength(168);
		expect(candles[167].close).toBe(fiveMinute[fiveMinute.length - 1].close);
		expect(analysis.sources[0].recordedCandles?.candles).toBe(167);
		await store.close();
	});

	it.skipIf(skipPostgres(kind))('asks the exchange for the whole span when the recording misses its first candle', async () => {
		// One 5-minute candle missing in the span's first hour: that hour is not whole, so nothing is read from the recording.
		const { harness, bybit, store } = await recording((candle) => (candle.time !== SPAN_FROM + 10 * 60_000 ? candle : null));
		expect(await recordedHead(store, 'bybit', '1h', 168, START)).toEqual([]);

		await resetRecordedData({ store });
		// The previous test's exchange-only series is cached: this one must come from the exchange.
		harness.live.cache.clear();
		bybit.reset();
		const analysis = await analyzeLive('bybit', params, harness.live, START);
		expect(klineStarts(bybit.requests)[0]).toBe(SPAN_FROM);
		expect(analysis.sources[0].recordedCandles).toBeUndefined();
		await store.close();
	});
});
