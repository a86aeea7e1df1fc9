import { describe, expect, it } from 'vitest';
import { parseCandleRows, parseCandlesCsv, parseTimestamp } from '../../src/lib/core/market/candle-parse.ts';
import { csvRefusal } from '../helpers.ts';

const HEADER = 'timestamp,open,high,low,close,volume';
const ROW1 = '2025-04-03 17:05:00+00:00,81794.8,81998.1,81785.2,81804.9,317.956';
const ROW2 = '2025-04-03 17:10:00+00:00,81804.9,81898.3,81714.5,81800.3,128.285';
const ROW3 = '2025-04-03 17:15:00+00:00,81800.3,81900.0,81700.0,81850.0,100';


describe('parseCandlesCsv', () => {
	it('reads the shared data format (first two rows of bybit-btcusdt-perp-5m.csv)', () => {
		const { candles, gaps, intervalMs, reversed } = parseCandlesCsv([HEADER, ROW1, ROW2].join('\n'));
		expect(candles).toEqual([
			{ time: Date.UTC(2025, 3, 3, 17, 5), open: 81794.8, high: 81998.1, low: 81785.2, close: 81804.9, volume: 317.956 },
			{ time: Date.UTC(2025, 3, 3, 17, 10), open: 81804.9, high: 81898.3, low: 81714.5, close: 81800.3, volume: 128.285 }
		]);
		expect(gaps).toEqual([]);
		expect(intervalMs).toBe(300_000);
		expect(reversed).toBe(false);
	});

	it('refuses a value that is not a number, naming the line', () => {
		expect(csvRefusal([HEADER, ROW1, '2025-04-03 17:10:00+00:00,81804.9,abc,81714.5,81800.3,1'].join('\n'))).toBe(
			'line 3: high "abc" is not a number'
		);
	});

	it('refuses a high below the open or the close', () => {
		expect(csvRefusal([HEADER, '2025-04-03 17:05:00+00:00,100,99,90,95,1'].join('\n'))).toBe('line 2: high 99 is below open 100');
		expect(csvRefusal([HEADER, '2025-04-03 17:05:00+00:00,95,99,90,100,1'].join('\n'))).toBe('line 2: high 99 is below close 100');
	});

	it('refuses a low above the open or the close', () => {
		expect(csvRefusal([HEADER, '2025-04-03 17:05:00+00:00,95,110,96,100,1'].join('\n'))).toBe('line 2: low 96 is above open 95');
		expect(csvRefusal([HEADER, '2025-04-03 17:05:00+00:00,100,110,96,95,1'].join('\n'))).toBe('line 2: low 96 is above close 95');
	});

	it('refuses a negative volume', () => {
		expect(csvRefusal([HEADER, '2025-04-03 17:05:00+00:00,100,110,90,95,-2'].join('\n'))).toBe('line 2: volume -2 is negative');
	});

	it('refuses duplicate timestamps', () => {
		expect(csvRefusal([HEADER, ROW1, ROW2, ROW2].join('\n'))).toBe('line 4: duplicate timestamp 2025-04-03T17:10:00.000Z');
	});

	it('refuses unsorted timestamps', () => {
		expect(csvRefusal([HEADER, ROW1, ROW3, ROW2].join('\n'))).toBe(
			'line 4: unsorted timestamp 2025-04-03T17:10:00.000Z comes after 2025-04-03T17:15:00.000Z'
		);
	});

	it('accepts a newest-first file and says it reversed it', () => {
		const { candles, reversed } = parseCandlesCsv([HEADER, ROW3, ROW2, ROW1].join('\n'));
		expect(reversed).toBe(true);
		expect(candles.map((c) => c.close)).toEqual([81804.9, 81800.3, 81850]);
	});

	it('reports gaps without filling them', () => {
		const later = '2025-04-03 17:30:00+00:00,81850,81900,81800,81820,5';
		const { candles, gaps } = parseCandlesCsv([HEADER, ROW1, ROW2, ROW3, later].join('\n'));
		expect(candles).toHaveLength(4);
		expect(gaps).toEqual([{ after: Date.UTC(2025, 3, 3, 17, 15), before: Date.UTC(2025, 3, 3, 17, 30), missing: 2 }]);
	});

	it('collects several problems and says how many more there are', () => {
		const message = csvRefusal([HEADER, '2025-04-03 17:05:00+00:00,x,1,1,1,1', '2025-04-03 17:10:00+00:00,1,1,1,1,-1'].join('\n'));
		expect(message).toBe('line 2: open "x" is not a number (and 1 more problem)');
	});

	it('refuses a file with a missing column, naming the header', () => {
		expect(csvRefusal('time,open,high,low,close\n1,2,3,1,2')).toBe(
			'line 1: no "volume" column in the header (time,open,high,low,close): the model needs traded volume (in TradingView, add the Volume indicator before exporting)'
		);
	});

	it('reads semicolons, header names in any case, and epoch seconds', () => {
		const { candles } = parseCandlesCsv('Date;Open;High;Low;Close;Vol\n1743699900;1;2;0.5;1.5;10\n1743700200;1.5;2;1;1.2;3');
		expect(candles[0].time).toBe(1743699900_000);
		expect(candles[1]).toMatchObject({ open: 1.5, volume: 3 });
	});

	// The first two 5m candles of ../shared/data/bybit-btcusdt-perp-5m.csv, written as spreadsheets export them.
	const FIRST_TWO = [
		{ time: Date.UTC(2025, 3, 3, 17, 5), open: 81794.8, high: 81998.1, low: 81785.2, close: 81804.9, volume: 317.956 },
		{ time: Date.UTC(2025, 3, 3, 17, 10), open: 81804.9, high: 81898.3, low: 81714.5, close: 81800.3, volume: 128.285 }
	];

	it('reads tab-separated text (a copy from a spreadsheet)', () => {
		const text = 'timestamp\topen\thigh\tlow\tclose\tvolume\n2025-04-03 17:05:00\t81794.8\t81998.1\t81785.2\t81804.9\t317.956\n2025-04-03 17:10:00\t81804.9\t81898.3\t81714.5\t81800.3\t128.285';
		expect(parseCandlesCsv(text).candles).toEqual(FIRST_TWO);
	});

	it('reads a European export: semicolons, decimal commas, day-first dotted dates, no header', () => {
		const text = '03.04.2025 17:05;81794,8;81998,1;81785,2;81804,9;317,956\r\n03.04.2025 17:10;81804,9;81898,3;81714,5;81800,3;128,285';
		expect(parseCandlesCsv(text).candles).toEqual(FIRST_TWO);
	});

	it('reads quoted fields with thousands separators, and refuses a decimal comma in a comma file', () => {
		const text = '"time","open","high","low","close","volume"\n"2025-04-03 17:05:00","81,794.8","81,998.1","81,785.2","81,804.9","317.956"\n"2025-04-03 17:10:00","81,804.9","81,898.3","81,714.5","81,800.3","128.285"';
		expect(parseCandlesCsv(text).candles).toEqual(FIRST_TWO);
		// In a comma file "81794,8" can only be two cells, or a mistyped number: never silently 817948 or 81794.8.
		expect(csvRefusal('time,open,high,low,close,volume\n2025-04-03 17:05:00,"81794,8",81998.1,81785.2,81804.9,317.956')).toBe(
			'line 2: open "81794,8" is not a number'
		);
	});

	it('refuses slashed dates, whose day/month order is unknown, naming the line', () => {
		expect(csvRefusal('time,open,high,low,close,volume\n04/03/2025 17:05,1,2,0.5,1.5,10')).toBe(
			'line 2: time "04/03/2025 17:05" has no certain day/month order: use ISO 8601 (2025-04-03 17:05), day.month.year or epoch time'
		);
		expect(csvRefusal('04/03/2025 17:05,1,2,0.5,1.5,10')).toMatch(/^line 1: time "04\/03\/2025 17:05" has no certain day\/month order/);
	});

	it("reads Binance's headerless 12-column kline export (ms times)", () => {
		const row = (t: number, c: number) => `${t},100,110,90,${c},12.5,${t + 299_999},1250,42,6,600,0`;
		const { candles } = parseCandlesCsv([row(1743699900000, 105), row(1743700200000, 101)].join('\n'));
		expect(candles.map((c) => [c.time, c.close, c.volume])).toEqual([
			[1743699900000, 105, 12.5],
			[1743700200000, 101, 12.5]
		]);
	});
});

describe('parseTimestamp', () => {
	it('tells seconds, milliseconds and microseconds apart by magnitude and reads ISO without a zone as UTC', () => {
		const ms = Date.UTC(2025, 3, 3, 17, 5);
		expect(parseTimestamp(String(ms / 1000))).toBe(ms);
		expect(parseTimestamp(String(ms))).toBe(ms);
		expect(parseTimestamp(String(ms * 1000))).toBe(ms);
		expect(parseTimestamp('2025-04-03 17:05:00')).toBe(ms);
		expect(parseTimestamp('2025-04-03T19:05:00+02:00')).toBe(ms);
		expect(parseTimestamp('yesterday')).toBeNaN();
		// Read by the platform as local time (another candle on another machine): refused instead.
		expect(parseTimestamp('04/03/2025')).toBeNaN();
		expect(parseTimestamp('Apr 3, 2025')).toBeNaN();
	});
});

describe('parseCandleRows (ccxt OHLCV arrays)', () => {
	it('applies the same rules as the CSV parser, counting rows from 1', () => {
		const t = Date.UTC(2025, 3, 3, 17, 5);
		expect(parseCandleRows([[t, 1, 2, 0.5, 1.5, 3]]).candles).toEqual([
			{ time: t, open: 1, high: 2, low: 0.5, close: 1.5, volume: 3 }
		]);
		expect(() => parseCandleRows([[t, 1, 2, 0.5, 1.5, 3], [t, 1, 2, 0.5, 1.5, 3]])).toThrow(
			'line 2: duplicate timestamp 2025-04-03T17:05:00.000Z'
		);
		expect(() => parseCandleRows([[t, 1, 0.9, 0.5, 0.8, 3]])).toThrow('line 1: high 0.9 is below open 1');
		expect(() => parseCandleRows([[t, 1, 2]])).toThrow('line 1: expected [time, open, high, low, close, volume]');
	});
});

describe("TradingView's chart export", () => {
	it('reads time (epoch seconds), OHLC, Volume and ignores extra indicator columns, NaN cells and CRLF', () => {
		const text = '\uFEFFtime,open,high,low,close,Volume,RSI,Plot\r\n1743699900,81794.8,81998.1,81785.2,81804.9,317.956,NaN,1\r\n1743700200,81804.9,81898.3,81714.5,81800.3,128.285,55.2,NaN\r\n';
		const { candles } = parseCandlesCsv(text);
		expect(candles.map((c) => [c.time, c.close, c.volume])).toEqual([
			[1743699900_000, 81804.9, 317.956],
			[1743700200_000, 81800.3, 128.285]
		]);
	});
});
