import { describe, expect, it } from 'vitest';
import { ATR, RSI, SMA } from 'technicalindicators';
import { atrSeries, CandleIndicators, emaSeries, rsiSeries, smaSeries } from '../../src/lib/core/confluence/indicators.ts';
import { resampleToTimeframe } from '../../src/lib/core/market/resample.ts';
import { averageTrueRange, relativeStrengthIndex } from '../reference/tradingview.ts';
import { candle, embeddedCandles } from '../helpers.ts';

describe('reference ta.atr (RMA of true range, seeded by an SMA)', () => {
	it('matches a hand calculation with length 3', () => {
		// TR: 2 (H−L of the first bar), 2, max(2.5, |12−10|, |9.5−10|) = 2.5, max(4, |15−11|, 0) = 4, max(7, 0, |7−14|) = 7
		// ATR_2 = (2 + 2 + 2.5)/3 = 2.1667; ATR_3 = (2.1667·2 + 4)/3 = 2.7778; ATR_4 = (2.7778·2 + 7)/3 = 4.1852
		const candles = [
			candle(0, 9, 10, 8, 9),
			candle(1, 9, 11, 9, 10),
			candle(2, 10, 12, 9.5, 11),
			candle(3, 11, 15, 11, 14),
			candle(4, 14, 14, 7, 8)
		];
		expect(averageTrueRange(candles, 3).map((v) => (v === null ? null : v.toFixed(4)))).toEqual([
			null,
			null,
			'2.1667',
			'2.7778',
			'4.1852'
		]);
	});
});

describe('indicators module (technicalindicators) against the reference TradingView formulas on real BTC candles', () => {
	const candles = resampleToTimeframe(embeddedCandles(), '15m', 300_000);
	const WARM_UP = 200; // bars; the seeds' influence decays by 13/14 per bar: (13/14)^200 ≈ 4e-7

	it("gives RSI(14) equal to ta.rsi to the library's 0.01 rounding after warm-up", () => {
		const ours = rsiSeries(candles.map((c) => c.close));
		const reference = relativeStrengthIndex(candles.map((c) => c.close));
		expect(ours[13]).toBeNull();
		expect(ours[14]).not.toBeNull(); // both start at bar 14
		for (let i = WARM_UP; i < candles.length; i++) expect(Math.abs(ours[i]! - reference[i]!)).toBeLessThanOrEqual(0.005 + 1e-9);
	});

	it('gives ATR(14) equal to ta.atr after warm-up, starting one bar later', () => {
		const ours = atrSeries(candles);
		const reference = averageTrueRange(candles);
		expect(reference[13]).not.toBeNull();
		expect(ours[13]).toBeNull();
		expect(ours[14]).not.toBeNull();
		for (let i = WARM_UP; i < candles.length; i++) expect(ours[i]! / reference[i]!).toBeCloseTo(1, 6);
	});

	it('aligns SMA and EMA with the candles (hand calculation)', () => {
		expect(smaSeries([1, 2, 3, 4], 2)).toEqual([null, 1.5, 2.5, 3.5]);
		// EMA(3): seed SMA(1,2,3) = 2 at index 2, then α = 0.5: 2 + 0.5·(4 − 2) = 3
		expect(emaSeries([1, 2, 3, 4], 3)).toEqual([null, null, 2, 3]);
	});
});

describe('CandleIndicators (the live feed\'s streaming series)', () => {
	it('fed in pieces, gives exactly the batch RSI, ATR and volume SMA of the same real candles', () => {
		const candles = embeddedCandles().slice(0, 3_000);
		const streaming = new CandleIndicators();
		let series = streaming.extend(candles.slice(0, 0));
		for (const end of [1, 15, 16, 700, 2_999, 3_000]) {
			const previous = series;
			const handedOut = previous.rsi.length;
			series = streaming.extend(candles.slice(0, end), previous);
			expect(previous.rsi.length, 'the series handed out before stay as they were').toBe(handedOut);
		}
		const { rsi, atr, volumeSma } = series;
		expect(streaming.length).toBe(3_000);
		expect(rsi).toEqual(rsiSeries(candles.map((c) => c.close)));
		expect(atr).toEqual(atrSeries(candles));
		expect(volumeSma).toEqual(smaSeries(candles.map((c) => c.volume), 20));
		expect(rsi.slice(0, 14).every((v) => v === null) && rsi[14] !== null).toBe(true); // RSI(14): first value at bar 14
	});
});

describe('the streaming indicators reproduce technicalindicators (the reference library) value for value', () => {
	// The library's own batch output, aligned as the app aligns it: the numbers the app showed before it computed them.
	const candles = embeddedCandles();
	const closes = candles.map((c) => c.close);
	const aligned = (values: number[]) => [...new Array<null>(candles.length - values.length).fill(null), ...values];

	it('RSI(14), ATR(14) and SMA(20) of volume on the 25,920 real 5m candles are identical', () => {
		expect(rsiSeries(closes)).toEqual(aligned(RSI.calculate({ values: [...closes], period: 14 })));
		const columns = { high: candles.map((c) => c.high), low: candles.map((c) => c.low), close: closes };
		expect(atrSeries(candles)).toEqual(aligned(ATR.calculate({ ...columns, period: 14 })));
		const volumes = candles.map((c) => c.volume);
		expect(smaSeries(volumes, 20)).toEqual(aligned(SMA.calculate({ values: [...volumes], period: 20 })));
	});

	it('a flat run gives RSI 100 once every change is a gain and 0 once every change is a loss, as the library does', () => {
		const up = Array.from({ length: 30 }, (_, i) => 100 + i);
		const down = Array.from({ length: 30 }, (_, i) => 100 - i);
		expect(rsiSeries(up).at(-1)).toBe(100);
		expect(rsiSeries(down).at(-1)).toBe(0);
		expect(rsiSeries(up)).toEqual(aligned30(RSI.calculate({ values: up, period: 14 })));
	});
	const aligned30 = (values: number[]) => [...new Array<null>(30 - values.length).fill(null), ...values];
});
