/**
 * The recorder's gap fill on resume, over REST through the live sources (their request budget and bounds): the 5-minute
 * candles and open interest since the last stored row (at most 5,000 candles, about 17 days; an older gap stays a gap
 * in candles), and the settled funding rates of the same span (`fetchDerivatives`).
 */
import type { ExchangeId } from '../exchanges.ts';
import type { LiveSources } from '../live-sources.ts';
import { fetchDerivatives } from '../streams/derivatives.ts';
import type { GapFill } from './recorder.ts';

const FIVE_MINUTES = 300_000;
const DAY_MS = 86_400_000;
const MAX_CANDLES = 5_000;

export function restGapFill(live: LiveSources): GapFill {
	return async (exchange: ExchangeId, since: number, now: number) => {
		const count = Math.min(MAX_CANDLES, Math.max(1, Math.ceil((now - since) / FIVE_MINUTES) + 1));
		const served = await live.market(exchange, '5m', count, now);
		const days = Math.max(1, Math.ceil((now - since) / DAY_MS));
		const { funding } = await fetchDerivatives(live, exchange, '5m', days, now);
		return {
			candles: served.market.candles.filter((c) => c.time >= since),
			openInterest: served.market.openInterest.filter((p) => p.time >= since).map((p) => ({ time: p.time, value: Math.round(p.notional * 100) / 100 })),
			funding: funding.filter((f) => f.time >= since)
		};
	};
}
