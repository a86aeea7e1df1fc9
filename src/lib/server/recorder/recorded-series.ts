/**
 * Recorded history read back for the analyses and routes: the realised-calibration series of an exchange (its
 * recorded 5-minute candles resampled to the timeframe, its prints and outages), and recorded open interest and
 * funding thinned to one sample per candle of the timeframe (the last one in it), as the REST series are; and the
 * live series of an analysis read from the recording first (`marketWithRecordedCandles`, `withRecordedOpenInterest`),
 * the exchange asked only for what the recording does not hold.
 * Units: ms UTC, USDT, funding rate per 8 h.
 */
import { formatUtcMinute } from '../../format.ts';
import { timeframeCandles } from '../../core/analysis/analyze.ts';
import type { RealisedSeries } from '../../core/calibration/realised.ts';
import { resampleCandles, TIMEFRAME_MS } from '../../core/market/resample.ts';
import type { Candle, Timeframe } from '../../core/types.ts';
import type { ExchangeId } from '../exchanges.ts';
import type { LiveSources, ServedMarket } from '../live-sources.ts';
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
	const note =
		`open interest ${formatUtcMinute(recorded[0].time)} → ${formatUtcMinute(recorded[recorded.length - 1].time)} UTC read from the recording (${recorded.length} samples)` +
		(market.openInterest.length ? `, from ${formatUtcMinute(restFrom)} from ${market.name}` : `; ${market.name} sent none`);
	return {
		...served,
		market: { ...market, openInterest: [...recorded.map((p) => ({ time: p.time, notional: p.value })), ...market.openInterest], openInterestNote: note }
	};
}


/**
 * The recorded candles of the last `count` closed candles of the timeframe before `now`: whole candles resampled from
 * the recorded 5-minute candles (every 5-minute candle of the period recorded), from the span's first candle on up
 * to the first missing one. Empty when the recording does not hold the span's first candle.
 */
export async function recordedHead(store: RecordStore, id: ExchangeId, timeframe: Timeframe, count: number, now: number): Promise<Candle[]> {
	const candleMs = TIMEFRAME_MS[timeframe];
	const baseMs = TIMEFRAME_MS[RECORDED_TIMEFRAME];
	const formingOpen = Math.floor(now / candleMs) * candleMs;
	const from = formingOpen - count * candleMs;
	const base = await store.candles(id, RECORDED_TIMEFRAME, { from, to: formingOpen - 1 });
	const { candles, complete } = resampleCandles(base, candleMs, baseMs);
	const head: Candle[] = [];
	for (let i = 0; i < candles.length && complete[i] && candles[i].time === from + i * candleMs; i++) head.push(candles[i]);
	return head;
}

/**
 * The last `count` closed candles of one exchange, read from the recording where it holds them from the span's first
 * candle on without a gap (`recordedHead`), the exchange asked only for the candles after the recording's last (at
 * least the last closed one: the forming candle and the newest open interest come with it). Where both hold a
 * candle the exchange's wins. Without such a recording: the exchange's series as `LiveSources.market` serves it.
 */
export async function marketWithRecordedCandles(live: LiveSources, store: RecordStore, id: ExchangeId, timeframe: Timeframe, count: number, now: number): Promise<ServedMarket> {
	const head = await recordedHead(store, id, timeframe, count, now).catch(() => []);
	if (head.length === 0) return live.market(id, timeframe, count, now);
	const candleMs = TIMEFRAME_MS[timeframe];
	const formingOpen = Math.floor(now / candleMs) * candleMs;
	const tailFrom = Math.min(head[head.length - 1].time + candleMs, formingOpen - candleMs);
	const served = await live.marketSince(id, timeframe, tailFrom, now);
	const { market } = served;
	const byTime = new Map(head.map((candle) => [candle.time, candle]));
	for (const candle of market.candles) byTime.set(candle.time, candle);
	const candles = [...byTime.values()].sort((a, b) => a.time - b.time).slice(-count);
	const exchangeFrom = market.candles[0]?.time ?? Infinity;
	const recorded = candles.filter((candle) => candle.time < exchangeFrom);
	if (recorded.length === 0) return served;
	const to = recorded[recorded.length - 1].time;
	const note =
		`candles ${formatUtcMinute(recorded[0].time)} → ${formatUtcMinute(to)} UTC read from the recording (${recorded.length} candles)` +
		(market.candles.length ? `, ${formatUtcMinute(exchangeFrom)} → ${formatUtcMinute(market.candles[market.candles.length - 1].time)} UTC from ${market.name} (${market.candles.length})` : '');
	// The tail's open-interest note measured the tail; over the whole span the coverage note says it (or the recording's).
	const openInterestNote = market.openInterest.length === 0 ? market.openInterestNote : null;
	return {
		...served,
		market: { ...market, candles, openInterestNote },
		recordedCandles: { from: recorded[0].time, to, count: recorded.length, note }
	};
}
