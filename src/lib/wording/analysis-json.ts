/**
 * The JSON form of an `Analysis`: what the CLI prints and the API returns (one contract, so it lives beside the
 * wording both use). Times become ISO 8601 UTC strings, prices stay in quote currency, bulky per-candle and per-bin
 * arrays are left out (the API's candle route serves candles). Core's reason codes are worded here into the
 * contract's `reason` / `reasons` strings (`context.reason`, `breakdown[].reason`, `zones[].reasons`).
 */
import type { Analysis } from '../core/analysis/analyze.ts';
import { roundPrice } from '../core/market/price-precision.ts';
import { contextWords, factorReasonWords, zoneReasonWords } from './confluence.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;
const roundOrNull = (value: number | null, decimals: number) => (value === null ? null : round(value, decimals));
/** Prices at the market's own scale (six significant digits, at least 2 decimals). */
const price = roundPrice;

export function analysisToJson(analysis: Analysis) {
	return {
		timeframe: analysis.timeframe,
		lastTime: iso(analysis.lastTime),
		lastClose: analysis.lastClose,
		candles: analysis.candles.length,
		modelKind: analysis.modelKind,
		indicators: { rsi: roundOrNull(analysis.indicators.rsi, 2), atr: analysis.indicators.atr === null ? null : price(analysis.indicators.atr) },
		context: analysis.context && {
			timeframe: analysis.context.timeframe,
			trend: analysis.context.trend,
			emaSlopePct: roundOrNull(analysis.context.emaSlopePct, 4),
			reason: contextWords(analysis.context)
		},
		clusters: analysis.clusters.map((c) => ({
			side: c.side,
			price: price(c.price),
			low: price(c.low),
			high: price(c.high),
			notional: Math.round(c.notional),
			intensity: round(c.intensity, 4),
			percentile: round(c.percentile, 1),
			distancePct: round(c.distancePct, 4),
			distanceAtr: roundOrNull(c.distanceAtr, 3),
			score: c.score,
			breakdown: c.breakdown.map((f) => ({ factor: f.factor, points: f.points, reason: factorReasonWords(f.reason) }))
		})),
		supportResistance: {
			zones: analysis.supportResistance.zones.map((z) => ({
				low: price(z.low),
				high: price(z.high),
				strength: round(z.strength, 3),
				touches: z.touches,
				rejections: z.rejections,
				reasons: zoneReasonWords(z)
			})),
			ranges: analysis.supportResistance.ranges.map((r) => ({ start: iso(r.startTime), end: iso(r.endTime), low: r.low, high: r.high }))
		},
		structure: {
			trend: analysis.structure.trend,
			swings: analysis.structure.swings.map((s) => ({ time: iso(s.time), price: s.price, kind: s.kind })),
			events: analysis.structure.events.map((e) => ({
				time: iso(e.time),
				kind: e.kind,
				direction: e.direction,
				level: e.level,
				swingTime: iso(e.swingTime)
			}))
		},
		divergences: analysis.divergences.map((d) => ({
			kind: d.kind,
			direction: d.direction,
			from: { time: iso(d.from.time), price: d.from.price, rsi: d.from.rsi },
			to: { time: iso(d.to.time), price: d.to.price, rsi: d.to.rsi },
			confirmedTime: iso(d.confirmedTime)
		})),
		volumeProfile: analysis.volumeProfile && {
			poc: price(analysis.volumeProfile.pocPrice),
			valueAreaLow: price(analysis.volumeProfile.valueAreaLow),
			valueAreaHigh: price(analysis.volumeProfile.valueAreaHigh)
		},
		totals: {
			opened: Math.round(analysis.totals.opened),
			open: Math.round(analysis.totals.open),
			liquidated: Math.round(analysis.totals.liquidated),
			closed: Math.round(analysis.totals.closed)
		}
	};
}

export type AnalysisJson = ReturnType<typeof analysisToJson>;
