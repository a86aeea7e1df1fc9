/**
 * Recorded history read back for the analyses and routes: the realised-calibration series of an exchange (its
 * recorded 5-minute candles resampled to the timeframe, its prints and outages), and recorded open interest and
 * funding thinned to one sample per candle of the timeframe (the last one in it), as the REST series are.
 * Units: ms UTC, USDT, funding rate per 8 h.
 */
import { timeframeCandles } from '../../core/analysis/analyze.ts';
import type { RealisedSeries } from '../../core/calibration/realised.ts';
import { TIMEFRAME_MS } from '../../core/market/resample.ts';
import type { Timeframe } from '../../core/types.ts';
import type { ExchangeId } from '../exchanges.ts';
import type { ServedMarket } from '../live-sources.ts';
import { RECORDED_TIMEFRAME } from './recorder.ts';
import type { RecordStore, TimeRange } from './store.ts';

export async function realisedSeries(store: RecordStore, ids: readonly ExchangeId[], timeframe: Timeframe, range: TimeRange): Promise<RealisedSeries[]> {
	const series: RealisedSeries[] = [];
	for (const id of ids) {
		const base = await store.candles(id, RECORDED_TIMEFRAME, range);
		if (base.length === 0) continue;
		const candles = timeframeCandles(base, timeframe);
		const prints = await store.liquidations([id], range);
		const outages = await store.outages([id], range);
		series.push({ exchange: id, candles, prints, outages: outages.map(({ from, to }) => ({ from, to })) });
	}
	return series;
}

/** The last point of each candle of the timeframe (points oldest first). */
export function perCandle<T extends { time: number }>(points: readonly T[], timeframe: Timeframe): T[] {
	const candleMs = TIMEFRAME_MS[timeframe];
	const kept: T[] = [];
	for (const point of points) {
		const last = kept[kept.length - 1];
		if (last && Math.floor(last.time / candleMs) === Math.floor(point.time / candleMs)) kept[kept.length - 1] = point;
		else kept.push(point);
	}
	return kept;
}

export interface RecordedDerivatives {
	openInterest: { time: number; value: number }[];
	funding: { time: number; rate: number }[];
}

export async function recordedDerivatives(store: RecordStore, id: ExchangeId, timeframe: Timeframe, range: TimeRange): Promise<RecordedDerivatives> {
	const [oi, funding] = await Promise.all([store.openInterest(id, range), store.funding(id, range)]);
	return {
		openInterest: perCandle(oi, timeframe).map(({ time, value }) => ({ time, value })),
		funding: perCandle(funding, timeframe).map(({ time, rate }) => ({ time, rate }))
	};
}

/**
 * A live series whose open interest starts later than its candles (Binance keeps 30 days at 5 minutes) gets the
 * recorded open interest before the exchange's first point, one sample per candle; the note says what came from
 * where. Unchanged when the exchange covers the candles or nothing is recorded there.
 */
export async function withRecordedOpenInterest(served: ServedMarket, store: RecordStore): Promise<ServedMarket> {
	const { market } = served;
	const candleMs = TIMEFRAME_MS[market.timeframe];
	const first = market.candles[0]?.time;
	if (first === undefined) return served;
	const restFrom = market.openInterest[0]?.time ?? market.candles[market.candles.length - 1].time + candleMs;
	if (restFrom <= first + candleMs) return served;
	const recorded = perCandle(await store.openInterest(market.source, { from: first, to: restFrom - 1 }), market.timeframe);
	if (recorded.length === 0) return served;
	const day = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
	const note =
		`open interest ${day(recorded[0].time)} → ${day(recorded[recorded.length - 1].time)} UTC read from the recording (${recorded.length} samples)` +
		(market.openInterest.length ? `, from ${day(restFrom)} from ${market.name}` : `; ${market.name} sent none`);
	return {
		...served,
		market: { ...market, openInterest: [...recorded.map((p) => ({ time: p.time, notional: p.value })), ...market.openInterest], openInterestNote: note }
	};
}
