import { describe, expect, it } from 'vitest';
import { averageTrueRange } from '../src/lib/core/atr.ts';
import { candle } from './helpers.ts';

describe('averageTrueRange (TradingView ta.atr: RMA of true range, seeded by an SMA)', () => {
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
