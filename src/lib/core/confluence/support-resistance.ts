/**
 * Support and resistance: levels, each with what made it (`source`, time), merged into zones with a strength.
 * No words here: the zone's reasons are codes (`SrReason`) that the wording modules turn into text.
 *
 * Levels (prices in quote currency):
 * - swing highs and lows from `structure.ts` (N bars each side);
 * - the prior UTC day's and the prior week's (Monday 00:00 UTC) high and low, as of the last candle;
 * - consolidation ranges: runs of at least `rangeMinBars` bars whose whole high–low span stays within
 *   `rangeMaxAtr` × ATR(14); the top and bottom of the `maxRanges` most recent ones are levels.
 * Zones: levels sorted by price are merged while the gap to the next is ≤ tolerance = `mergeAtr` × ATR; a zone spans its
 * levels ± tolerance/2. A candle of the last `touchBars` touches a zone when its range overlaps it; it is a rejection
 * when it wicks into the zone but opens and closes on the same side outside it.
 * Strength 0–1 = 1 − exp(−raw / 3), raw = Σ level weights (prior week 1.5, prior day 1, swing 1, range edge 1)
 *   + 0.3 per rejection (at most 10) + 0.05 per touch (at most 20) + 0.5 × min(1, age / 200 bars).
 * A saturating sum: one more confirmation always helps, but no single count can dominate.
 */
import type { Swing } from './structure.ts';
import type { Candle } from '../types.ts';

export type LevelSource =
	| 'swing-high'
	| 'swing-low'
	| 'prior-day-high'
	| 'prior-day-low'
	| 'prior-week-high'
	| 'prior-week-low'
	| 'range-top'
	| 'range-bottom';

export interface SrLevel {
	price: number;
	source: LevelSource;
	/** When the level was made (ms): the swing's bar, the period's start, the range's first bar. */
	time: number;
	/** A range edge's last bar (ms); absent for the other sources. */
	endTime?: number;
}

/** Why a zone exists, strongest first: one of its levels, or the rejections counted on it. */
export type SrReason = { code: 'level'; level: SrLevel } | { code: 'rejections'; count: number };

export interface ConsolidationRange {
	startIndex: number;
	endIndex: number;
	startTime: number;
	endTime: number;
	low: number;
	high: number;
}

export interface SrZone {
	low: number;
	high: number;
	price: number;
	levels: SrLevel[];
	touches: number;
	rejections: number;
	/** Bars since the oldest level of the zone was made. */
	ageBars: number;
	strength: number;
	/** Reasons, strongest source first (prior-week high, a swing high, …), then the rejections when there are any. */
	reasons: SrReason[];
}

export interface SrOptions {
	rangeMinBars: number;
	rangeMaxAtr: number;
	mergeAtr: number;
	/** How many of the most recent swings of each kind become levels. */
	maxSwings: number;
	/** How many of the most recent consolidation ranges give levels. */
	maxRanges: number;
	/** Candles (most recent) in which touches and rejections are counted. */
	touchBars: number;
}

export const DEFAULT_SR: SrOptions = { rangeMinBars: 24, rangeMaxAtr: 3, mergeAtr: 0.35, maxSwings: 12, maxRanges: 8, touchBars: 1000 };

const DAY = 86_400_000;
const WEIGHT: Record<LevelSource, number> = {
	'prior-week-high': 1.5,
	'prior-week-low': 1.5,
	'prior-day-high': 1,
	'prior-day-low': 1,
	'swing-high': 1,
	'swing-low': 1,
	'range-top': 1,
	'range-bottom': 1
};

/** Start (ms) of the UTC week (Monday 00:00) holding `time`; the epoch was a Thursday. */
export function weekStart(time: number): number {
	const day = Math.floor(time / DAY);
	return (day - ((day + 3) % 7)) * DAY;
}

/** High and low of the prior UTC day and prior week relative to the last candle. */
export function priorPeriodLevels(candles: readonly Candle[]): SrLevel[] {
	if (candles.length === 0) return [];
	const last = candles[candles.length - 1].time;
	const today = Math.floor(last / DAY) * DAY;
	const thisWeek = weekStart(last);
	const periods = [
		{ from: today - DAY, to: today, name: 'prior-day' as const },
		{ from: thisWeek - 7 * DAY, to: thisWeek, name: 'prior-week' as const }
	];
	const levels: SrLevel[] = [];
	for (const { from, to, name } of periods) {
		const inPeriod = candles.filter((c) => c.time >= from && c.time < to);
		if (inPeriod.length === 0) continue;
		levels.push({ price: Math.max(...inPeriod.map((c) => c.high)), source: `${name}-high`, time: from });
		levels.push({ price: Math.min(...inPeriod.map((c) => c.low)), source: `${name}-low`, time: from });
	}
	return levels;
}

/**
 * Consolidation boxes: maximal runs whose high–low span stays within `maxAtr` × ATR, at least `minBars` long. From
 * each start the run grows while the next bar keeps the span within `maxAtr` × that bar's ATR; a long enough run is a
 * box and the next start is after it, otherwise the next start is the following bar. A later start's run reaches at
 * least as far (its spans are no wider), so the end only moves forward: one pass, with the window's highest high and
 * lowest low kept in monotonic queues. O(n).
 */
export function consolidationRanges(
	candles: readonly Candle[],
	atr: readonly (number | null)[],
	options: Pick<SrOptions, 'rangeMinBars' | 'rangeMaxAtr'> = DEFAULT_SR
): ConsolidationRange[] {
	const n = candles.length;
	const ranges: ConsolidationRange[] = [];
	// Indices of the window's candidates for the highest high (decreasing highs) and the lowest low (increasing lows).
	const highQueue = new Int32Array(n);
	const lowQueue = new Int32Array(n);
	let highHead = 0;
	let highTail = 0;
	let lowHead = 0;
	let lowTail = 0;
	const push = (i: number) => {
		while (highTail > highHead && candles[highQueue[highTail - 1]].high <= candles[i].high) highTail--;
		highQueue[highTail++] = i;
		while (lowTail > lowHead && candles[lowQueue[lowTail - 1]].low >= candles[i].low) lowTail--;
		lowQueue[lowTail++] = i;
	};
	let start = 0;
	let end = -1; // the window is start … end
	while (start < n) {
		if (end < start) {
			highHead = highTail = lowHead = lowTail = 0;
			end = start;
			push(start);
		}
		while (end + 1 < n) {
			const width = atr[end + 1];
			const next = candles[end + 1];
			const high = Math.max(candles[highQueue[highHead]].high, next.high);
			const low = Math.min(candles[lowQueue[lowHead]].low, next.low);
			if (width === null || high - low > options.rangeMaxAtr * width) break;
			push(++end);
		}
		if (end - start + 1 >= options.rangeMinBars) {
			const high = candles[highQueue[highHead]].high;
			const low = candles[lowQueue[lowHead]].low;
			ranges.push({ startIndex: start, endIndex: end, startTime: candles[start].time, endTime: candles[end].time, low, high });
			start = end + 1;
		} else {
			if (highQueue[highHead] === start) highHead++;
			if (lowQueue[lowHead] === start) lowHead++;
			start++;
		}
	}
	return ranges;
}

/** All levels: recent swings, prior day/week, range edges. */
export function srLevels(
	candles: readonly Candle[],
	swings: readonly Swing[],
	ranges: readonly ConsolidationRange[],
	options: SrOptions = DEFAULT_SR,
	/** Candles to take the prior day and week from (may reach further back than `candles`). */
	periodCandles: readonly Candle[] = candles
): SrLevel[] {
	const levels: SrLevel[] = priorPeriodLevels(periodCandles);
	for (const kind of ['high', 'low'] as const) {
		for (const swing of swings.filter((s) => s.kind === kind).slice(-options.maxSwings))
			levels.push({ price: swing.price, source: `swing-${kind}`, time: swing.time });
	}
	for (const range of ranges.slice(-options.maxRanges)) {
		levels.push({ price: range.high, source: 'range-top', time: range.startTime, endTime: range.endTime });
		levels.push({ price: range.low, source: 'range-bottom', time: range.startTime, endTime: range.endTime });
	}
	return levels;
}

/** Merges levels into zones and scores them on the candles. */
export function srZones(candles: readonly Candle[], levels: readonly SrLevel[], atr: number, options: SrOptions = DEFAULT_SR): SrZone[] {
	const tolerance = options.mergeAtr * atr;
	const sorted = [...levels].sort((a, b) => a.price - b.price);
	const groups: SrLevel[][] = [];
	for (const level of sorted) {
		const group = groups[groups.length - 1];
		if (group && level.price - group[group.length - 1].price <= tolerance) group.push(level);
		else groups.push([level]);
	}
	const lastTime = candles.length ? candles[candles.length - 1].time : 0;
	const barMs = candles.length > 1 ? candles[1].time - candles[0].time : 1;
	return groups.map((group) => {
		const low = group[0].price - tolerance / 2;
		const high = group[group.length - 1].price + tolerance / 2;
		let touches = 0;
		let rejections = 0;
		for (let i = Math.max(0, candles.length - options.touchBars); i < candles.length; i++) {
			const c = candles[i];
			if (c.high < low || c.low > high) continue;
			touches++;
			const bodyAbove = Math.min(c.open, c.close) > high;
			const bodyBelow = Math.max(c.open, c.close) < low;
			if (bodyAbove || bodyBelow) rejections++;
		}
		const ageBars = Math.round((lastTime - Math.min(...group.map((l) => l.time))) / barMs);
		const raw =
			group.reduce((sum, level) => sum + WEIGHT[level.source], 0) +
			0.3 * Math.min(rejections, 10) +
			0.05 * Math.min(touches, 20) +
			0.5 * Math.min(1, ageBars / 200);
		// One reason per distinct level (same source, same times), strongest source first.
		const key = (level: SrLevel) => `${level.source}:${level.source.startsWith('prior-') ? '' : level.time}:${level.endTime ?? ''}`;
		const reasons: SrReason[] = [...group]
			.sort((a, b) => WEIGHT[b.source] - WEIGHT[a.source])
			.filter((level, i, all) => all.findIndex((other) => key(other) === key(level)) === i)
			.map((level) => ({ code: 'level', level }));
		if (rejections > 0) reasons.push({ code: 'rejections', count: rejections });
		const price = group.reduce((sum, level) => sum + level.price, 0) / group.length;
		return { low, high, price, levels: group, touches, rejections, ageBars, strength: 1 - Math.exp(-raw / 3), reasons };
	});
}
