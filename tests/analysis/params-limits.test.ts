/**
 * Documented limits on the work of one parameter set (issue 13, point 1): refused beyond them naming the limit, in the
 * one validator that the URL, the API and the CLI share.
 */
import { describe, expect, it } from 'vitest';
import { ANALYSIS_LIMITS, checkWorkLimits, defaultAnalysisParams, ParamError, parseTiers, parseViewParams } from '../../src/lib/core/analysis/params.ts';
import type { Candle } from '../../src/lib/core/types.ts';

const fromQuery = (query: string) => {
	const search = new URLSearchParams(query);
	return parseViewParams((name) => search.get(name));
};

describe('parameter limits', () => {
	it('accepts leverage 1, the bottom of the documented range', () => {
		expect(parseTiers('1:100')).toEqual([{ leverage: 1, weight: 100, enabled: true }]);
		expect(fromQuery('tiers=1:50,125:50').analysis.model.tiers.map((t) => t.leverage)).toEqual([1, 125]);
	});

	it('refuses more than 10 tiers, naming the limit (1,231 tiers used to block the server 40 s)', () => {
		const eleven = Array.from({ length: 11 }, (_, i) => `${i + 2}:5`).join(',');
		expect(() => parseTiers(eleven)).toThrow('11 tiers, more than the limit of 10');
		expect(parseTiers(eleven.split(',').slice(0, 10).join(','))).toHaveLength(ANALYSIS_LIMITS.maxTiers);
	});

	it('refuses leverage with more than two decimals (1.00001 used to take 17 s and 4 GB)', () => {
		expect(() => fromQuery('tiers=1.00001:100')).toThrow('tiers="1.00001:100": leverage 1.00001 has more than 2 decimals');
		expect(parseTiers('1.25:100')[0].leverage).toBe(1.25);
	});

	it('keeps the reason apart from a value that contains ": " (messages built from it are not garbled)', () => {
		try {
			fromQuery('tf=a: b');
			throw new Error('expected a refusal');
		} catch (error) {
			expect(error).toBeInstanceOf(ParamError);
			expect((error as ParamError).reason).toBe('expected one of 5m, 15m, 1h, 4h, 1d');
			expect((error as ParamError).value).toBe('a: b');
		}
	});
});

describe('checkWorkLimits', () => {
	// Two candles spanning 90,000–110,000: a 20,000 USDT range.
	const candles: Candle[] = [
		{ time: 0, open: 100_000, high: 110_000, low: 95_000, close: 100_000, volume: 1 },
		{ time: 1, open: 100_000, high: 101_000, low: 90_000, close: 100_000, volume: 1 }
	];
	const withBin = (binWidth: number | null) => {
		const params = defaultAnalysisParams();
		params.model.binWidth = binWidth;
		return params;
	};

	it('accepts the automatic bin and a bin giving exactly 100,000 bins (20,000 / 0.2)', () => {
		expect(() => checkWorkLimits(candles, withBin(null))).not.toThrow();
		expect(() => checkWorkLimits(candles, withBin(0.2))).not.toThrow();
	});

	it('refuses a bin so narrow that the range holds more than 100,000 bins (20,000 / 0.1 = 200,000)', () => {
		expect(() => checkWorkLimits(candles, withBin(0.1))).toThrow('bin="0.1": 200,000 bins over the price range 90000–110000, more than the limit of 100,000');
	});
});
