/**
 * Open-interest and funding history of one exchange over REST, for `/api/derivatives`:
 * - open interest: the series the live market already fetches and caches (`LiveSources.market`, USDT notional; Bybit's
 *   BTC amounts × candle close), over `lookbackDays` of candles of the timeframe (at most 5,000 candles);
 * - funding: settled rates per 8 h (`fetchFundingRateHistory`), paged oldest first from the lookback's start, cached
 *   5 minutes per exchange and lookback.
 * Units: ms UTC, USDT, funding rate per 8 h as a fraction.
 */
import { TIMEFRAME_MS } from '../../core/market/resample.ts';
import type { Timeframe } from '../../core/types.ts';
import type { ExchangeId } from '../exchange-client.ts';
import type { LiveSources } from '../live-sources.ts';
import { MarketCache } from '../market-cache.ts';
import { PERP } from '../adapters/types.ts';

export interface Derivatives {
	openInterest: { time: number; value: number }[];
	funding: { time: number; rate: number }[];
}

const MAX_CANDLES = 5000;
const MAX_FUNDING_PAGES = 12;
const FUNDING_TTL_MS = 5 * 60_000;
const fundingCache = new MarketCache<{ time: number; rate: number }[]>(32);

async function fundingHistory(live: LiveSources, id: ExchangeId, since: number, now: number) {
	const rates = new Map<number, number>();
	let from = since;
	for (let page = 0; page < MAX_FUNDING_PAGES && from < now; page++) {
		const start = from;
		const rows = (await live.client(id).call('funding', (exchange) => exchange.fetchFundingRateHistory(PERP, start))) as { timestamp?: number; fundingRate?: number }[];
		const valid = rows.filter((row) => typeof row.timestamp === 'number' && typeof row.fundingRate === 'number' && row.timestamp >= start);
		for (const row of valid) rates.set(row.timestamp!, row.fundingRate!);
		const newest = Math.max(...valid.map((row) => row.timestamp!));
		if (!Number.isFinite(newest) || newest < from) break;
		from = newest + 1;
	}
	return [...rates.entries()].sort((a, b) => a[0] - b[0]).map(([time, rate]) => ({ time, rate }));
}

export async function fetchDerivatives(live: LiveSources, id: ExchangeId, timeframe: Timeframe, lookbackDays: number, now: number): Promise<Derivatives> {
	const count = Math.min(MAX_CANDLES, Math.ceil((lookbackDays * 86_400_000) / TIMEFRAME_MS[timeframe]));
	const since = now - lookbackDays * 86_400_000;
	const [served, funding] = await Promise.all([
		live.market(id, timeframe, count, now),
		fundingCache.get(`${id}:${lookbackDays}`, FUNDING_TTL_MS, () => fundingHistory(live, id, since, now))
	]);
	return {
		openInterest: served.market.openInterest.map((point) => ({ time: point.time, value: Math.round(point.notional * 100) / 100 })),
		funding: funding.value.filter((point) => point.time >= since)
	};
}

/** Several exchanges: open interest summed where every exchange has a sample at the same time, funding averaged. */
export function combineDerivatives(parts: readonly Derivatives[]): Derivatives {
	const combine = <T extends { time: number }>(series: (readonly T[])[], value: (points: T[]) => number) => {
		const byTime = new Map<number, T[]>();
		for (const points of series) for (const point of points) byTime.set(point.time, [...(byTime.get(point.time) ?? []), point]);
		return [...byTime.entries()].filter(([, points]) => points.length === series.length).sort((a, b) => a[0] - b[0]).map(([time, points]) => ({ time, points, value: value(points) }));
	};
	return {
		openInterest: combine(parts.map((p) => p.openInterest), (points) => points.reduce((sum, p) => sum + p.value, 0)).map(({ time, value }) => ({ time, value: Math.round(value * 100) / 100 })),
		funding: combine(parts.map((p) => p.funding), (points) => points.reduce((sum, p) => sum + p.rate, 0) / points.length).map(({ time, value }) => ({ time, rate: value }))
	};
}
