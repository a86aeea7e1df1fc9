/**
 * What the checklist reads from the derivatives beside the candles (`DerivativesContext`: open interest USDT, funding
 * per 8 h as a fraction, realised liquidation prints USDT; times ms UTC, oldest first). Codes and numbers only; the
 * wording modules write the sentences. Null derivatives (the sample, an imported file) give `no-derivatives`, never a
 * made-up value; derivatives with no reading in the window give `no-readings`.
 *
 * Step 1 (context):
 * - Funding: the latest rate r (per 8 h) and its annualised value r × 3 × 365 (three fundings a day; %). Extreme when
 *   |r| ≥ FUNDING_EXTREME = 0.05 % per 8 h, five times the 0.01 % per 8 h that Binance, Bybit and OKX pay when the
 *   perpetual trades at the index (their funding formula's interest component, 0.03 % a day, with a zero premium), and
 *   about 55 % a year. Extreme positive funding: longs pay shorts, so longs are crowded; negative: shorts are crowded.
 * - Open-interest trend: change of open interest over the context window, the last OI_CONTEXT_BARS bars of the
 *   context timeframe (6 h on a 5m chart with 1h context, a day on 15m with 4h, six days on 1h with 1d), from the last
 *   reading at or before the window's start (else the first reading in it) to the last reading, in % of the first.
 *   Rising at or above +OI_FLAT_PCT (1 %), falling at or below −1 %, flat between: a convention of this app (daily
 *   swings of BTC perpetual OI are a few %; below 1 % is noise at the context scale).
 *
 * Step 6 (confirmations for the strongest cluster):
 * - OI rising into the cluster: over the last CONFIRMATION_BARS (12) bars of the chart (from the open of the 12th bar
 *   from the end to the last reading), open interest rose by at least OI_FLAT_PCT while the close moved toward the
 *   cluster (close now vs the close before the window, in the cluster's direction): new positions open as price
 *   approaches, so more of them sit near it.
 * - Realised liquidations spiking: prints of the cluster's side (a cluster above holds shorts) summed per bar of the
 *   chart; the mean per bar of the last SPIKE.recentBars (3) bars against the mean per bar of up to SPIKE.baselineBars
 *   (48) bars before them. Only bars from the first print seen count in the baseline (a feed that started an hour ago
 *   has not seen quiet before that), and at least SPIKE.minBaselineBars (12) are needed. Spiking when the recent mean
 *   is at least SPIKE.ratio (3) times the baseline mean (or positive after a baseline of none).
 */
import type { Candle, DerivativesContext, RealisedLiquidation, Side, Timeframe } from '../types.ts';
import { TIMEFRAME_MS } from '../market/resample.ts';

/** Funding when the perpetual trades at the index: 0.01 % per 8 h (the exchanges' interest component). */
export const FUNDING_BASELINE = 0.0001;
/** Extreme funding: five times the baseline, 0.05 % per 8 h. */
export const FUNDING_EXTREME = 5 * FUNDING_BASELINE;
export const FUNDINGS_PER_YEAR = 3 * 365;
/** Open-interest change (%) within which it is flat. */
export const OI_FLAT_PCT = 1;
/** The context window: bars of the context timeframe over which the OI trend is measured. */
export const OI_CONTEXT_BARS = 6;
/** Bars of the chart over which the step-6 confirmations from derivatives are measured. */
export const CONFIRMATION_BARS = 12;
export const SPIKE = { recentBars: 3, baselineBars: 48, minBaselineBars: 12, ratio: 3 };

export type Trend = 'rising' | 'falling' | 'flat';

export type FundingReading =
	| { code: 'no-derivatives' }
	| { code: 'no-readings' }
	/** `rate` per 8 h (fraction); `annualisedPct` in %; `crowded` set when extreme. */
	| { code: 'funding'; time: number; rate: number; annualisedPct: number; extreme: boolean; crowded: Side | null };

export type OpenInterestTrend =
	| { code: 'no-derivatives' }
	| { code: 'no-readings' }
	/** Values USDT, change in % of `fromValue`; `windowMs` the context window asked for. */
	| { code: 'oi-trend'; from: number; to: number; fromValue: number; toValue: number; changePct: number; trend: Trend; windowMs: number };

export type OiIntoCluster =
	| { code: 'no-derivatives' }
	| { code: 'no-readings'; bars: number }
	/** Changes in % over the last `bars` bars; `toward`: the close moved toward the cluster. */
	| { code: 'oi-into-cluster'; met: boolean; bars: number; oiChangePct: number; priceChangePct: number; toward: boolean };

export type RealisedSpike =
	| { code: 'no-derivatives' }
	| { code: 'too-little-history'; side: Side; baselineBars: number; needed: number }
	/** Per-bar means in USDT; `ratio` null when the baseline mean is 0. */
	| { code: 'realised-spike'; met: boolean; side: Side; recentBars: number; baselineBars: number; recentPerBar: number; baselinePerBar: number; ratio: number | null };

/**
 * The derivatives known by `end` (ms, exclusive: the close of the chart's last candle), so a replay at a past bar
 * reads no later funding, OI or print.
 */
export function derivativesUpTo(derivatives: DerivativesContext | null, end: number): DerivativesContext | null {
	if (!derivatives) return null;
	const before = <T extends { time: number }>(list: T[]) => (list.length && list[list.length - 1].time >= end ? list.filter((p) => p.time < end) : list);
	return { openInterest: before(derivatives.openInterest), funding: before(derivatives.funding), realised: before(derivatives.realised) };
}

const changePct = (from: number, to: number) => (from > 0 ? (100 * (to - from)) / from : 0);
const trendOf = (pct: number): Trend => (pct >= OI_FLAT_PCT ? 'rising' : pct <= -OI_FLAT_PCT ? 'falling' : 'flat');

/** The latest funding reading and whether it is extreme (see the header). */
export function fundingReading(derivatives: DerivativesContext | null): FundingReading {
	if (!derivatives) return { code: 'no-derivatives' };
	const latest = derivatives.funding[derivatives.funding.length - 1];
	if (!latest) return { code: 'no-readings' };
	const extreme = Math.abs(latest.rate) >= FUNDING_EXTREME;
	return {
		code: 'funding',
		time: latest.time,
		rate: latest.rate,
		annualisedPct: latest.rate * FUNDINGS_PER_YEAR * 100,
		extreme,
		crowded: extreme ? (latest.rate > 0 ? 'long' : 'short') : null
	};
}

/**
 * Open interest from the last reading at or before `start` (else the first reading, when the series begins later) to
 * the last reading; null with fewer than two readings to compare.
 */
function openInterestChange(derivatives: DerivativesContext, start: number) {
	const points = derivatives.openInterest;
	let fromIndex = 0;
	for (let i = points.length - 1; i >= 0; i--)
		if (points[i].time <= start) {
			fromIndex = i;
			break;
		}
	const from = points[fromIndex];
	const last = points[points.length - 1];
	if (!last || fromIndex === points.length - 1) return null;
	return { from: from.time, to: last.time, fromValue: from.value, toValue: last.value, changePct: changePct(from.value, last.value) };
}

/** The OI trend over the context window ending at the last reading (see the header). */
export function openInterestTrend(derivatives: DerivativesContext | null, contextTimeframe: Timeframe): OpenInterestTrend {
	if (!derivatives) return { code: 'no-derivatives' };
	const last = derivatives.openInterest[derivatives.openInterest.length - 1];
	if (!last) return { code: 'no-readings' };
	const windowMs = OI_CONTEXT_BARS * TIMEFRAME_MS[contextTimeframe];
	const change = openInterestChange(derivatives, last.time - windowMs);
	if (!change) return { code: 'no-readings' };
	return { code: 'oi-trend', ...change, trend: trendOf(change.changePct), windowMs };
}

/** OI rising over the last bars while the close moved toward a cluster above (`up`) or below. */
export function oiIntoCluster(derivatives: DerivativesContext | null, candles: readonly Candle[], up: boolean): OiIntoCluster {
	if (!derivatives) return { code: 'no-derivatives' };
	const bars = Math.min(CONFIRMATION_BARS, candles.length - 1);
	const start = candles[candles.length - bars]?.time;
	const lastReading = derivatives.openInterest[derivatives.openInterest.length - 1];
	const change = start !== undefined && lastReading && lastReading.time >= start ? openInterestChange(derivatives, start) : null;
	if (bars < 1 || !change) return { code: 'no-readings', bars: CONFIRMATION_BARS };
	const before = candles[candles.length - 1 - bars].close;
	const priceChangePct = changePct(before, candles[candles.length - 1].close);
	const toward = up ? priceChangePct > 0 : priceChangePct < 0;
	return { code: 'oi-into-cluster', met: toward && change.changePct >= OI_FLAT_PCT, bars, oiChangePct: change.changePct, priceChangePct, toward };
}

/** Realised prints of `side` summed per bar of `candles` (bar k holds prints with time in [open_k, open_k+1)). */
function notionalPerBar(prints: readonly RealisedLiquidation[], candles: readonly Candle[], side: Side, barMs: number): Float64Array {
	const sums = new Float64Array(candles.length);
	const first = candles[0].time;
	for (const print of prints) {
		if (print.side !== side || print.time < first) continue;
		const index = Math.floor((print.time - first) / barMs);
		// Candles may have gaps: step to the bar whose open is the last at or before the print.
		let k = Math.min(candles.length - 1, index);
		while (k > 0 && candles[k].time > print.time) k--;
		if (k >= 0 && print.time >= candles[k].time && print.time < candles[k].time + barMs) sums[k] += print.notional;
	}
	return sums;
}

/** Whether the realised prints of the cluster's side spike on the last bars (see the header). */
export function realisedSpike(derivatives: DerivativesContext | null, candles: readonly Candle[], side: Side, timeframe: Timeframe): RealisedSpike {
	if (!derivatives) return { code: 'no-derivatives' };
	const { recentBars, baselineBars: maxBaseline, minBaselineBars, ratio: spikeRatio } = SPIKE;
	const barMs = TIMEFRAME_MS[timeframe];
	const firstPrint = derivatives.realised[0]?.time ?? Infinity;
	const end = candles.length;
	const baselineStart = Math.max(0, end - recentBars - maxBaseline);
	// Baseline bars: those from the bar of the first print seen on.
	let from = baselineStart;
	while (from < end - recentBars && candles[from].time + barMs <= firstPrint) from++;
	const baselineBars = Math.max(0, end - recentBars - from);
	if (baselineBars < minBaselineBars) return { code: 'too-little-history', side, baselineBars, needed: minBaselineBars };
	// Per bar of the window only (baseline then recent bars): sums[k] belongs to candles[from + k].
	const sums = notionalPerBar(derivatives.realised, candles.slice(from), side, barMs);
	let baseline = 0;
	for (let k = 0; k < baselineBars; k++) baseline += sums[k];
	let recent = 0;
	for (let k = baselineBars; k < sums.length; k++) recent += sums[k];
	const recentPerBar = recent / recentBars;
	const baselinePerBar = baseline / baselineBars;
	const ratio = baselinePerBar > 0 ? recentPerBar / baselinePerBar : null;
	const met = ratio === null ? recentPerBar > 0 : ratio >= spikeRatio;
	return { code: 'realised-spike', met, side, recentBars, baselineBars, recentPerBar, baselinePerBar, ratio };
}
