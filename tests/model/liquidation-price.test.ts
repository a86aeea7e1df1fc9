import { describe, expect, it } from 'vitest';
import { BINANCE_BTCUSDT_BRACKETS, bracketFor, liquidationPrice } from '../../src/lib/core/model/liquidation-price.ts';

describe('liquidationPrice (Binance USDT-M isolated margin, BTCUSDT brackets)', () => {
	// Reference values from the issue, E = 100,000 USDT, first bracket (m = 0.4 %, c = 0):
	// long = E(1 − 1/L)/(1 − m), short = E(1 + 1/L)/(1 + m).
	it.each([
		['long', 10, '90361.45'],
		['short', 10, '109561.75'],
		['long', 100, '99397.59'],
		['short', 100, '100597.61']
	] as const)('%s at %ix from 100,000 liquidates at %s', (side, leverage, expected) => {
		expect(liquidationPrice(side, 100_000, leverage).liquidationPrice.toFixed(2)).toBe(expected);
	});

	it('picks the bracket from the notional; the cap belongs to the lower bracket', () => {
		expect(bracketFor(50_000).maintenanceMarginRate).toBe(0.004);
		expect(bracketFor(50_000.01).maintenanceMarginRate).toBe(0.005);
		expect(bracketFor(250_000).maintenanceAmount).toBe(50);
		expect(bracketFor(250_001).maintenanceAmount).toBe(1_300);
		expect(bracketFor(3_000_001).maintenanceAmount).toBe(46_300);
		expect(bracketFor(20_000_001).maintenanceAmount).toBe(546_300);
		expect(bracketFor(40_000_001).maintenanceAmount).toBe(2_546_300);
		expect(() => bracketFor(100_000_001)).toThrow('above the largest bracket');
		expect(BINANCE_BTCUSDT_BRACKETS).toHaveLength(6);
	});

	it('applies the maintenance amount per BTC (c/Q) in higher brackets', () => {
		// 1,000,000 USDT notional at E = 100,000 → Q = 10 BTC, bracket 3: m = 1 %, c = 1,300 → c/Q = 130.
		// long 10x: (100,000·0.9 − 130) / 0.99 = 90,777.78 (hand calculation)
		// short 10x: (100,000·1.1 + 130) / 1.01 = 109,039.60
		const long = liquidationPrice('long', 100_000, 10, 1_000_000);
		expect(long.bracket.maintenanceMarginRate).toBe(0.01);
		expect(long.liquidationPrice.toFixed(2)).toBe('90777.78');
		expect(liquidationPrice('short', 100_000, 10, 1_000_000).liquidationPrice.toFixed(2)).toBe('109039.60');
	});

	it('has a bracket table whose maintenance margin m·N − c is continuous at every cap', () => {
		// That is what the maintenance amounts are for: e.g. at 250,000: 0.5 %·250,000 − 50 = 1 %·250,000 − 1,300 = 1,200.
		for (let k = 0; k + 1 < BINANCE_BTCUSDT_BRACKETS.length; k++) {
			const [lower, upper] = [BINANCE_BTCUSDT_BRACKETS[k], BINANCE_BTCUSDT_BRACKETS[k + 1]];
			const cap = lower.notionalCap;
			expect(upper.maintenanceMarginRate * cap - upper.maintenanceAmount).toBeCloseTo(
				lower.maintenanceMarginRate * cap - lower.maintenanceAmount,
				6
			);
		}
	});

	it('refuses nonsense with the bad value', () => {
		expect(() => liquidationPrice('long', -1, 10)).toThrow('entry -1 must be a positive price');
		expect(() => liquidationPrice('long', 100, 0.5)).toThrow('leverage 0.5 must be at least 1');
	});
});
