/**
 * The one candle parser, for CSV text and for ccxt-style `[ms, open, high, low, close, volume]` rows; every candle then
 * passes the rules of `candle-validation.ts` (finite, positive, high ≥ max(open, close) ≥ min(open, close) ≥ low,
 * volume ≥ 0, times from 2009 to `now` + 1 day, strictly increasing, prices within 100× of the median close).
 * Each refusal names the line and the reason. A file that is entirely newest-first is accepted and reversed explicitly
 * (`reversed: true` says so);
 * - gaps are reported (`gaps`), never filled: the candle interval is the most common step between timestamps.
 *
 * CSV: comma, semicolon or tab separated (tab or semicolon when the first line has at least five such cells), fields
 * optionally in double quotes (a quoted field may hold the separator; `""` is a quote). Numbers: a decimal point, or in
 * semicolon and tab files (European spreadsheet exports) a decimal comma; a quoted number in a comma file may carry
 * thousands separators ("107,296.8"). A header row is optional and matched case-insensitively
 * (`time`/`date`/`timestamp`/`open time`/`datetime`, `open`, `high`, `low`, `close`, `volume`/`vol`); without a header
 * the first six columns are time, open, high, low, close, volume (Binance's 12-column kline export has this shape).
 * Times: ISO 8601 (no zone = UTC), day-first dotted dates (`03.04.2025 17:05`, UTC) or epoch seconds / milliseconds /
 * microseconds, told apart by magnitude. Slashed dates (`04/03/2025`) are refused: their day/month order is unknown.
 */
import type { Candle, CandleGap } from '../types.ts';
import { CandleDataError, candleProblem, quoteValue, seriesProblems, type CandleCheckOptions, type CandleIssue } from './candle-validation.ts';

export { CandleDataError, type CandleCheckOptions, type CandleIssue } from './candle-validation.ts';

export interface ParsedCandles {
	candles: Candle[];
	gaps: CandleGap[];
	/** Most common step between candles (ms). */
	intervalMs: number;
	/** True when the input was newest-first and has been reversed to oldest-first. */
	reversed: boolean;
}

/** At most this many problems are collected before giving up (a wrong file would otherwise list every line). */
const MAX_ISSUES = 20;

/** Parses a timestamp cell: ISO 8601 or epoch seconds / ms / µs. Returns NaN when unreadable. */
export function parseTimestamp(cell: string): number {
	const text = cell.trim().replace(/^"|"$/g, '');
	if (/^\d+(\.\d+)?$/.test(text)) {
		const value = Number(text);
		if (value < 1e11) return Math.round(value * 1000); // seconds
		if (value < 1e14) return Math.round(value); // milliseconds
		return Math.round(value / 1000); // microseconds
	}
	const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T](\d{1,2}):(\d\d)(?::(\d\d))?)?$/.exec(text);
	if (dotted) {
		// Day-first with dots (European spreadsheets), UTC like every zone-less time.
		const [, day, month, year, hour = '0', minute = '0', second = '0'] = dotted;
		return Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
	}
	// Only ISO 8601 from here: the platform's parser reads other text ("04/03/2025", "Apr 3 2025") in the local time
	// zone, so the same file would give other candles on another machine.
	if (!/^\d{4}-\d\d-\d\d/.test(text)) return NaN;
	const hasZone = /(Z|[+-]\d\d:?\d\d)$/i.test(text);
	const iso = text.replace(' ', 'T') + (hasZone || !/\d\d:\d\d/.test(text) ? '' : 'Z');
	const ms = Date.parse(/^\d{4}-\d\d-\d\d$/.test(iso) ? `${iso}T00:00:00Z` : iso);
	return ms;
}

/** `04/03/2025`, `4/3/25 17:05`: a date whose day/month order cannot be known. */
const isSlashedDate = (cell: string) => /^\s*"?\d{1,2}\/\d{1,2}\/\d{2,4}/.test(cell);

interface RowCells {
	line: number;
	time: string;
	open: string;
	high: string;
	low: string;
	close: string;
	volume: string;
}

const HEADER_NAMES: Record<keyof Omit<RowCells, 'line'>, string[]> = {
	time: ['time', 'timestamp', 'date', 'datetime', 'open time', 'open_time', 'opentime', 'unix', 'date/time'],
	open: ['open', 'o'],
	high: ['high', 'h'],
	low: ['low', 'l'],
	close: ['close', 'c'],
	volume: ['volume', 'vol', 'v', 'volume btc', 'volume (btc)', 'base volume']
};

/** Cells of one line: split on the separator outside double quotes, quotes removed, `""` read as one quote. */
function splitLine(line: string, separator: string): string[] {
	if (!line.includes('"')) return line.split(separator).map((cell) => cell.trim());
	const cells: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const char = line[i];
		if (quoted) {
			if (char !== '"') cell += char;
			else if (line[i + 1] === '"') cell += line[++i];
			else quoted = false;
		} else if (char === '"') quoted = true;
		else if (char === separator) {
			cells.push(cell.trim());
			cell = '';
		} else cell += char;
	}
	cells.push(cell.trim());
	return cells;
}

/** `1234,5` (decimal comma, semicolon/tab files) or `1,234.5` (thousands separators, comma files) as a plain number. */
function normaliseNumber(cell: string, separator: string): string {
	if (separator !== ',' && /^[+-]?\d+,\d+$/.test(cell)) return cell.replace(',', '.');
	if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(cell)) return cell.replaceAll(',', '');
	return cell;
}

/** Reads one row's values and returns a candle or the reason it is refused. `separator`: the CSV's (for its number formats); none for arrays. */
function toCandle(row: RowCells, now: number, separator?: string): Candle | string {
	const time = parseTimestamp(row.time);
	if (!Number.isFinite(time))
		return isSlashedDate(row.time)
			? `time ${quoteValue(row.time)} has no certain day/month order: use ISO 8601 (2025-04-03 17:05), day.month.year or epoch time`
			: `time ${quoteValue(row.time)} is not a date or epoch timestamp`;
	const values: number[] = [];
	for (const name of ['open', 'high', 'low', 'close', 'volume'] as const) {
		const cell = row[name];
		const value = cell === '' ? NaN : Number(separator ? normaliseNumber(cell, separator) : cell);
		if (!Number.isFinite(value)) return `${name} ${quoteValue(cell)} is not a number`;
		values.push(value);
	}
	const [open, high, low, close, volume] = values;
	const candle = { time, open, high, low, close, volume };
	return candleProblem(candle, now) ?? candle;
}

/** Orders, checks the series (time sequence, price range, length) and finds gaps. */
function finish(rows: { line: number; candle: Candle }[], issues: CandleIssue[]): ParsedCandles {
	if (rows.length === 0 && issues.length === 0) issues.push({ line: 1, reason: 'no candle rows found' });
	if (issues.length > 0) throw new CandleDataError(issues);
	let reversed = false;
	if (rows.length > 1 && rows[0].candle.time > rows[rows.length - 1].candle.time) {
		rows = rows.slice().reverse();
		reversed = true;
	}
	const candles = rows.map((row) => row.candle);
	const problems = seriesProblems(candles, rows.map((row) => row.line), MAX_ISSUES);
	if (problems.length > 0) throw new CandleDataError(problems);
	const intervalMs = mostCommonStep(candles);
	return { candles, gaps: findGaps(candles, intervalMs), intervalMs, reversed };
}

export function mostCommonStep(candles: readonly Candle[]): number {
	const counts = new Map<number, number>();
	let best = 0;
	let bestCount = 0;
	for (let i = 1; i < candles.length; i++) {
		const step = candles[i].time - candles[i - 1].time;
		const count = (counts.get(step) ?? 0) + 1;
		counts.set(step, count);
		if (count > bestCount) [best, bestCount] = [step, count];
	}
	return best;
}

/** Holes in a sorted series whose regular step is `intervalMs`. */
export function findGaps(candles: readonly Candle[], intervalMs: number): CandleGap[] {
	const gaps: CandleGap[] = [];
	if (intervalMs <= 0) return gaps;
	for (let i = 1; i < candles.length; i++) {
		const step = candles[i].time - candles[i - 1].time;
		if (step > intervalMs)
			gaps.push({ after: candles[i - 1].time, before: candles[i].time, missing: Math.round(step / intervalMs) - 1 });
	}
	return gaps;
}

/**
 * Tab or semicolon when either splits the first line into at least time + four prices (a semicolon file's decimal
 * commas would otherwise make a comma split look longer), else comma.
 */
function detectSeparator(line: string): string {
	for (const separator of ['\t', ';']) if (line.split(separator).length >= 5) return separator;
	return ',';
}

/** Parses CSV text into validated candles. Throws `CandleDataError` naming lines and reasons. */
export function parseCandlesCsv(text: string, options: CandleCheckOptions = {}): ParsedCandles {
	const now = options.now ?? Date.now();
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	const firstIndex = lines.findIndex((line) => line.trim() !== '');
	if (firstIndex < 0) throw new CandleDataError([{ line: 1, reason: 'the file is empty' }]);
	const separator = detectSeparator(lines[firstIndex]);
	const firstCells = splitLine(lines[firstIndex], separator).map((cell) => cell.toLowerCase());
	// A header has a cell that is neither a number nor a time (a slashed date is data, refused later with its reason).
	const hasHeader = firstCells.some(
		(cell) =>
			cell !== '' &&
			!Number.isFinite(Number(normaliseNumber(cell, separator))) &&
			!Number.isFinite(parseTimestamp(cell)) &&
			!isSlashedDate(cell)
	);
	const columns: Record<keyof Omit<RowCells, 'line'>, number> = { time: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 };
	if (hasHeader) {
		for (const key of Object.keys(HEADER_NAMES) as (keyof typeof HEADER_NAMES)[]) {
			const index = firstCells.findIndex((cell) => HEADER_NAMES[key].includes(cell));
			if (index < 0) {
				// TradingView leaves Volume out of its chart export unless the Volume indicator is on the chart.
				const hint = key === 'volume' ? ': the model needs traded volume (in TradingView, add the Volume indicator before exporting)' : '';
				throw new CandleDataError([{ line: firstIndex + 1, reason: `no "${key}" column in the header (${quoteValue(firstCells.join(separator), 120).slice(1, -1)})${hint}` }]);
			}
			columns[key] = index;
		}
	}
	const width = Math.max(...Object.values(columns)) + 1;
	const rows: { line: number; candle: Candle }[] = [];
	const issues: CandleIssue[] = [];
	for (let i = firstIndex + (hasHeader ? 1 : 0); i < lines.length && issues.length < MAX_ISSUES; i++) {
		if (lines[i].trim() === '') continue;
		const cells = splitLine(lines[i], separator);
		const line = i + 1;
		if (cells.length < width) {
			issues.push({ line, reason: `expected at least ${width} columns, found ${cells.length}` });
			continue;
		}
		const result = toCandle({
			line,
			time: cells[columns.time],
			open: cells[columns.open],
			high: cells[columns.high],
			low: cells[columns.low],
			close: cells[columns.close],
			volume: cells[columns.volume]
		}, now, separator);
		if (typeof result === 'string') issues.push({ line, reason: result });
		else rows.push({ line, candle: result });
	}
	return finish(rows, issues);
}

/** Validates ccxt-style OHLCV rows `[ms, open, high, low, close, volume]` with the same rules as the CSV parser. */
export function parseCandleRows(rows: readonly (readonly unknown[])[], options: CandleCheckOptions = {}): ParsedCandles {
	const now = options.now ?? Date.now();
	const accepted: { line: number; candle: Candle }[] = [];
	const issues: CandleIssue[] = [];
	for (let i = 0; i < rows.length && issues.length < MAX_ISSUES; i++) {
		const row = rows[i];
		const line = i + 1;
		if (!Array.isArray(row) || row.length < 6) {
			issues.push({ line, reason: 'expected [time, open, high, low, close, volume]' });
			continue;
		}
		const cell = (value: unknown) => (value == null ? '' : String(value));
		const result = toCandle({
			line,
			time: cell(row[0]),
			open: cell(row[1]),
			high: cell(row[2]),
			low: cell(row[3]),
			close: cell(row[4]),
			volume: cell(row[5])
		}, now);
		if (typeof result === 'string') issues.push({ line, reason: result });
		else accepted.push({ line, candle: result });
	}
	return finish(accepted, issues);
}
