/**
 * The one set of rules every candle passes, whatever its source: a CSV file (`candle-parse.ts`), a candle pack
 * (`candle-pack.ts`) or an exchange's OHLCV rows (`parseCandleRows`, called by the server where exchange candles
 * arrive). A series that passes is safe to model: bounded in time, in price range and in length.
 *
 * Per candle (units: time ms UTC of the open, prices in quote currency, volume in base currency):
 * - every value a finite number; open, low and close positive; volume ≥ 0;
 * - high ≥ max(open, close) ≥ min(open, close) ≥ low;
 * - time within [2009-01-03 (Bitcoin's first block), now + 1 day]; `now` is the caller's clock (a parameter, so that
 *   tests fix it).
 * Per series:
 * - open times strictly increasing (a repeat is a duplicate, a step back is unsorted);
 * - every high ≤ `MAX_PRICE_RATIO` × the median close and every low ≥ the median close / `MAX_PRICE_RATIO`: one bad
 *   print (a high of 1e10 in a series near 1e5) would otherwise stretch the price grid over a million-fold range;
 * - at most `MAX_CANDLES` candles.
 *
 * Reasons quote values through `quoteValue`: at most `MAX_QUOTED` characters, control characters escaped, so that a
 * refusal is one short line whatever the input held (a 5 MB cell, an ANSI escape sequence).
 */
import type { Candle } from '../types.ts';

/** 2009-01-03T00:00Z, the day of Bitcoin's first block: no market candle is older. */
export const EARLIEST_CANDLE_TIME = Date.UTC(2009, 0, 3);
/** How far past the caller's clock a candle may open (ms): one day, for clocks a little off. */
export const MAX_TIME_AHEAD_MS = 86_400_000;
/** Highs above median close × this, or lows below median close ÷ this, are refused. */
export const MAX_PRICE_RATIO = 100;
/** Longest accepted series: about 10 years of 5-minute candles. */
export const MAX_CANDLES = 1_000_000;
/** Largest candle input read by default, in bytes (the CLI's `--max-bytes`, the browser's CSV import): 512 MiB. */
export const DEFAULT_MAX_INPUT_BYTES = 512 * 1024 * 1024;

/** Why an input of `bytes` is not read ("700 MiB, larger than the input limit of 512 MiB"), or null when it may be. */
export function inputSizeProblem(bytes: number, maxBytes = DEFAULT_MAX_INPUT_BYTES): string | null {
	if (bytes <= maxBytes) return null;
	const mib = (n: number) =>
		n < 1024 * 1024 ? `${n.toLocaleString('en-US')} bytes` : `${(n / 1024 / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} MiB`;
	return `${mib(bytes)}, larger than the input limit of ${mib(maxBytes)}`;
}
/** Longest quoted value in a reason, in characters. */
export const MAX_QUOTED = 40;

export interface CandleIssue {
	/** 1-based line of the CSV file, or 1-based position of the candle in an array or pack. */
	line: number;
	reason: string;
}

/** A refused series: the first problem with its line, and how many more were found. */
export class CandleDataError extends Error {
	constructor(
		readonly issues: CandleIssue[],
		/** What `line` counts: lines of a file, or candles of a pack or an exchange answer. */
		unit: 'line' | 'candle' = 'line'
	) {
		const first = issues[0];
		const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
		super(first ? `${unit} ${first.line}: ${first.reason}${more}` : 'no candles');
		this.name = 'CandleDataError';
	}
}

export interface CandleCheckOptions {
	/** The caller's clock, ms UTC: candles may open at most one day after it. Defaults to `Date.now()`. */
	now?: number;
}

/** Escapes C0/C1 control characters and DEL (`\x1b` → `\u001b`): nothing from the input can drive a terminal. */
export function escapeControls(text: string): string {
	return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A value as it appears in a reason: quoted, control characters escaped, cut to `MAX_QUOTED` characters. */
export function quoteValue(value: string, max = MAX_QUOTED): string {
	const cut = value.length > max ? `${value.slice(0, max)}…` : value;
	return `"${escapeControls(cut)}"`;
}

/** A time for a reason: ISO text when it is a representable date, else the number of milliseconds. */
export function describeTime(ms: number): string {
	return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : `${ms} ms`;
}

/** The reason one candle is refused, or null. */
export function candleProblem(candle: Candle, now: number): string | null {
	const { time, open, high, low, close, volume } = candle;
	for (const [name, value] of [['time', time], ['open', open], ['high', high], ['low', low], ['close', close], ['volume', volume]] as const)
		if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} ${quoteValue(String(value))} is not a finite number`;
	if (time < EARLIEST_CANDLE_TIME || time > now + MAX_TIME_AHEAD_MS)
		return `time ${describeTime(time)} is outside ${describeTime(EARLIEST_CANDLE_TIME).slice(0, 10)} … ${describeTime(now + MAX_TIME_AHEAD_MS).slice(0, 10)}`;
	if (open <= 0 || close <= 0 || low <= 0) return `prices must be positive (open ${open}, low ${low}, close ${close})`;
	if (high < Math.max(open, close)) return `high ${high} is below ${high < open ? `open ${open}` : `close ${close}`}`;
	if (low > Math.min(open, close)) return `low ${low} is above ${low > open ? `open ${open}` : `close ${close}`}`;
	if (volume < 0) return `volume ${volume} is negative`;
	return null;
}

/** Median of the closes (the mean of the middle two for an even count). */
export function medianClose(candles: readonly Candle[]): number {
	const closes = Float64Array.from(candles, (candle) => candle.close).sort();
	const mid = closes.length >> 1;
	return closes.length % 2 ? closes[mid] : (closes[mid - 1] + closes[mid]) / 2;
}

/**
 * Series rules on candles that each passed `candleProblem`: order, price range, length. `lines[i]` is where candle i
 * came from (defaults to i + 1). Returns at most `maxIssues` problems.
 */
export function seriesProblems(candles: readonly Candle[], lines?: readonly number[], maxIssues = 20): CandleIssue[] {
	const lineOf = (i: number) => lines?.[i] ?? i + 1;
	const issues: CandleIssue[] = [];
	if (candles.length > MAX_CANDLES) return [{ line: lineOf(MAX_CANDLES), reason: `more than ${MAX_CANDLES.toLocaleString('en-US')} candles (the limit of one series)` }];
	for (let i = 1; i < candles.length && issues.length < maxIssues; i++) {
		const previous = candles[i - 1].time;
		const time = candles[i].time;
		if (time === previous) issues.push({ line: lineOf(i), reason: `duplicate timestamp ${describeTime(time)}` });
		else if (time < previous) issues.push({ line: lineOf(i), reason: `unsorted timestamp ${describeTime(time)} comes after ${describeTime(previous)}` });
	}
	if (issues.length > 0 || candles.length === 0) return issues;
	const median = medianClose(candles);
	for (let i = 0; i < candles.length && issues.length < maxIssues; i++) {
		const { high, low } = candles[i];
		if (high > median * MAX_PRICE_RATIO)
			issues.push({ line: lineOf(i), reason: `high ${high} is more than ${MAX_PRICE_RATIO}× the series' median close ${median}` });
		else if (low < median / MAX_PRICE_RATIO)
			issues.push({ line: lineOf(i), reason: `low ${low} is less than 1/${MAX_PRICE_RATIO} of the series' median close ${median}` });
	}
	return issues;
}

/**
 * Checks a whole series (each candle, then order, price range and length); throws `CandleDataError` naming the first
 * problem's position. For decoded packs and any other array of candles.
 */
export function validateCandles(candles: readonly Candle[], options: CandleCheckOptions = {}, unit: 'line' | 'candle' = 'candle'): void {
	const now = options.now ?? Date.now();
	const issues: CandleIssue[] = [];
	for (let i = 0; i < candles.length && issues.length < 20; i++) {
		const reason = candleProblem(candles[i], now);
		if (reason) issues.push({ line: i + 1, reason });
	}
	if (issues.length === 0) issues.push(...seriesProblems(candles));
	if (issues.length > 0) throw new CandleDataError(issues, unit);
}
