/**
 * One set of candle rules for every source (issue 13, point 4): CSV, candle packs and exchange rows refuse the same
 * bad candles with the same reason. "now" is fixed here (2025-07-03T00:00Z), never the machine's clock.
 */
import { describe, expect, it } from 'vitest';
import { decodeCandlePack, encodeCandlePack, type CandlePack } from '../../src/lib/core/market/candle-pack.ts';
import { parseCandleRows, parseCandlesCsv } from '../../src/lib/core/market/candle-parse.ts';
import { escapeControls, inputSizeProblem, MAX_CANDLES, medianClose, quoteValue } from '../../src/lib/core/market/candle-validation.ts';
import type { Candle } from '../../src/lib/core/types.ts';
import { csvRefusal } from '../helpers.ts';

const NOW = Date.UTC(2025, 6, 3);
const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 6, 1);

/** Ten hourly candles near 100,000 (open 100,000 + 10·i, range ±50). */
function series(): Candle[] {
	return Array.from({ length: 10 }, (_, i) => {
		const open = 100_000 + 10 * i;
		return { time: T0 + i * HOUR, open, high: open + 50, low: open - 50, close: open + 10, volume: 2 };
	});
}
const csv = (candles: Candle[]) => ['time,open,high,low,close,volume', ...candles.map((c) => [c.time, c.open, c.high, c.low, c.close, c.volume].join(','))].join('\n');
const rows = (candles: Candle[]) => candles.map((c) => [c.time, c.open, c.high, c.low, c.close, c.volume]);
/** A pack built by hand, column by column, so that it can hold what the encoder would never write. */
function packOf(candles: Candle[], priceScale = 10): CandlePack {
	const pack: CandlePack = { symbol: 'BTCUSDT', exchange: 'test', timeframe: '1h', priceScale, volumeScale: 1000, t: [], o: [], h: [], l: [], c: [], v: [] };
	let previousTime = 0;
	let previousClose = 0;
	for (const c of candles) {
		const [open, close, high, low] = [c.open, c.close, c.high, c.low].map((p) => Math.round(p * priceScale));
		pack.t.push(c.time - previousTime);
		pack.o.push(open - previousClose);
		pack.c.push(close - open);
		pack.h.push(high - Math.max(open, close));
		pack.l.push(Math.min(open, close) - low);
		pack.v.push(Math.round(c.volume * 1000));
		previousTime = c.time;
		previousClose = close;
	}
	return pack;
}

/** The message each source gives for the same candles (CSV lines count the header: candle i is line i + 2). */
function refusals(candles: Candle[]) {
	const message = (fn: () => unknown) => {
		try {
			fn();
		} catch (error) {
			expect(error).toBeInstanceOf(Error);
			return (error as Error).message;
		}
		return 'accepted';
	};
	return {
		csv: message(() => parseCandlesCsv(csv(candles), { now: NOW })),
		rows: message(() => parseCandleRows(rows(candles), { now: NOW })),
		pack: message(() => decodeCandlePack(packOf(candles), { now: NOW }))
	};
}

describe('candles are validated the same way from every source', () => {
	it('accepts a sane series from CSV, exchange rows and a pack alike', () => {
		expect(refusals(series())).toEqual({ csv: 'accepted', rows: 'accepted', pack: 'accepted' });
	});

	it('refuses a 1e10 spike in a 1e5 series, naming its line (median close 100,055: the middle two of 100,010…100,100)', () => {
		const candles = series();
		candles[6] = { ...candles[6], high: 1e10 };
		const reason = "high 10000000000 is more than 100× the series' median close 100055";
		expect(refusals(candles)).toEqual({ csv: `line 8: ${reason}`, rows: `line 7: ${reason}`, pack: `candle 7: ${reason}` });
	});

	it('refuses 1e15 and 1e308 highs with a reason, not a RangeError', () => {
		for (const high of [1e15, 1e308]) {
			const candles = series();
			candles[2] = { ...candles[2], high };
			expect(refusals(candles).csv).toBe(`line 4: high ${high} is more than 100× the series' median close 100055`);
		}
	});

	it('refuses a low under 1/100 of the median', () => {
		const candles = series();
		candles[0] = { ...candles[0], low: 5 };
		expect(refusals(candles).rows).toBe("line 1: low 5 is less than 1/100 of the series' median close 100055");
	});

	it('refuses times before 2009 and after now + 1 day (microseconds near 1e20 included), without "Invalid time value"', () => {
		const late = series();
		late[9] = { ...late[9], time: NOW + 86_400_000 + HOUR };
		expect(refusals(late).rows).toBe('line 10: time 2025-07-04T01:00:00.000Z is outside 2009-01-03 … 2025-07-04');
		const early = series();
		early[0] = { ...early[0], time: Date.UTC(2008, 11, 31) };
		expect(refusals(early).csv).toMatch(/^line 2: time 2008-12-31T00:00:00\.000Z is outside 2009-01-03/);
		// 1e20 in a CSV cell reads as microseconds → 1e17 ms, beyond any date
		const text = csv(series()).replace(String(T0), '100000000000000000000');
		expect(() => parseCandlesCsv(text, { now: NOW })).toThrow('line 2: time 100000000000000000 ms is outside 2009-01-03 … 2025-07-04');
	});

	it('accepts a candle opening exactly one day after now (the allowed clock skew)', () => {
		const candles = series().map((c, i) => ({ ...c, time: NOW + 86_400_000 - (9 - i) * HOUR }));
		expect(refusals(candles)).toEqual({ csv: 'accepted', rows: 'accepted', pack: 'accepted' });
	});

	it('refuses negative prices and volumes, and high below low, from every source', () => {
		const negativeVolume = series();
		negativeVolume[3] = { ...negativeVolume[3], volume: -1 };
		expect(refusals(negativeVolume)).toEqual({ csv: 'line 5: volume -1 is negative', rows: 'line 4: volume -1 is negative', pack: 'candle 4: volume -1 is negative' });
		const negativePrice = series();
		negativePrice[1] = { time: negativePrice[1].time, open: -5, high: -1, low: -10, close: -2, volume: 1 };
		expect(refusals(negativePrice).pack).toBe('candle 2: prices must be positive (open -5, low -10, close -2)');
		const inverted = series();
		inverted[4] = { ...inverted[4], high: inverted[4].low - 1 };
		expect(refusals(inverted).pack).toMatch(/^candle 5: high 99989 is below open 100040/);
	});
});

describe('candle packs', () => {
	it('round-trips what the encoder writes', () => {
		const candles = series();
		expect(decodeCandlePack(encodeCandlePack(candles, { symbol: 'BTCUSDT', exchange: 'x', timeframe: '1h', priceScale: 10, volumeScale: 1000 }), { now: NOW })).toEqual(candles);
	});

	it('refuses unsorted and repeated times (a negative or zero time step)', () => {
		const pack = packOf(series());
		pack.t[5] = -HOUR;
		expect(() => decodeCandlePack(pack, { now: NOW })).toThrow(/^candle 6: unsorted timestamp 2025-07-01T03:00:00\.000Z comes after 2025-07-01T04:00:00\.000Z/);
		pack.t[5] = 0;
		expect(() => decodeCandlePack(pack, { now: NOW })).toThrow(/^candle 6: duplicate timestamp 2025-07-01T04:00:00\.000Z/);
	});

	it('refuses a zero, negative or missing scale at once (priceScale 0 used to hang)', () => {
		for (const priceScale of [0, -10, null, 'x']) {
			const pack = { ...packOf(series()), priceScale } as unknown as CandlePack;
			expect(() => decodeCandlePack(pack, { now: NOW })).toThrow(/^candle pack: "priceScale" must be a positive number, got "/);
		}
	});

	it('refuses columns of unequal length, non-integer entries and too many candles', () => {
		const short = packOf(series());
		short.v = short.v.slice(1);
		expect(() => decodeCandlePack(short, { now: NOW })).toThrow('candle pack: column "v" has a different length than "t"');
		const fractional = packOf(series());
		fractional.h[2] = 0.5;
		expect(() => decodeCandlePack(fractional, { now: NOW })).toThrow('candle pack: column "h" entry 3 is "0.5", not a whole number');
		const huge = { priceScale: 1, volumeScale: 1, t: new Array(MAX_CANDLES + 1) } as unknown as CandlePack;
		expect(() => decodeCandlePack(huge, { now: NOW })).toThrow('candle pack: 1000001 candles, more than the limit of 1,000,000');
	});
});

describe('quoting values in reasons', () => {
	it('escapes ANSI and OSC control characters so that none reaches a terminal', () => {
		expect(escapeControls('\u001b[2J\u001b]0;pwned\u0007x\u009b')).toBe('\\u001b[2J\\u001b]0;pwned\\u0007x\\u009b');
	});

	it('cuts a long value to 40 characters', () => {
		expect(quoteValue('9'.repeat(5_000_000))).toBe(`"${'9'.repeat(40)}…"`);
	});

	it('a CSV cell with an escape sequence and a 5 MB cell give short one-line reasons', () => {
		const escape = parseFails(`time,open,high,low,close,volume\n${T0},1\u001b]0;title\u0007,2,1,1,1`);
		expect(escape).toBe('line 2: open "1\\u001b]0;title\\u0007" is not a number');
		const huge = parseFails(`time,open,high,low,close,volume\n${T0},${'7'.repeat(5_000_000)}x,2,1,1,1`);
		expect(huge).toBe(`line 2: open "${'7'.repeat(40)}…" is not a number`);
	});

	it('medianClose takes the middle value (odd count) or the mean of the middle two (even count)', () => {
		expect(medianClose(series().slice(0, 3))).toBe(100_020); // closes 100,010, 100,020, 100,030
		expect(medianClose(series())).toBe(100_055); // closes 100,010 … 100,100: (100,050 + 100,060) / 2
	});
});

/** The refusal of `text`, checked on the test's fixed "now". */
const parseFails = (text: string) => csvRefusal(text, { now: NOW });

describe('input size limit (issue 13: /dev/zero, a huge file in the browser)', () => {
	it('refuses more than 512 MiB by default, before reading, naming both sizes', () => {
		// 512 MiB = 536,870,912 bytes; 700 MiB = 734,003,200 bytes.
		expect(inputSizeProblem(536_870_912)).toBeNull();
		expect(inputSizeProblem(734_003_200)).toBe('700 MiB, larger than the input limit of 512 MiB');
		expect(inputSizeProblem(2048, 1024)).toBe('2,048 bytes, larger than the input limit of 1,024 bytes');
	});
});
