import { describe, expect, it } from 'vitest';
import { evaluatePlan } from '../../src/lib/core/workflow/trade-plan.ts';
import { cluster, context, plan } from './plan-fixtures.ts';

const codes = (evaluation: ReturnType<typeof evaluatePlan>) => evaluation.warnings.map((w) => w.code);

describe('evaluatePlan: sizing and risk/reward', () => {
	it('sizes a long from the risk (hand calculation)', () => {
		// risk 1 % of 10,000 = 100 USDT over a 1,000 stop → 0.1 BTC, notional 10,000, margin 1,000 at 10x;
		// liquidation (0.1·100,000 − 1,000)/(0.1·(1 − 0.004)) = 90,361.45; buffer (99,000 − 90,361.45)/100,000 = 8.64 %
		const result = evaluatePlan(plan({ targets: [103_000, 98_000] }), context());
		expect(result.size).toBeCloseTo(0.1, 12);
		expect(result.notional).toBeCloseTo(10_000, 9);
		expect(result.margin).toBeCloseTo(1_000, 9);
		expect(result.riskAmount).toBe(100);
		expect(result.riskReward).toEqual([3, -2]); // (98,000 − 100,000) / 1,000
		expect(result.liquidationPrice.toFixed(2)).toBe('90361.45');
		expect(result.maintenanceMarginRate).toBe(0.004);
		expect(result.stopToLiquidationPct.toFixed(2)).toBe('8.64');
		expect(codes(result)).toEqual(['invalid-target']);
	});

	it('mirrors a short: liquidation above, buffer positive when the stop comes first', () => {
		// short 0.1 BTC from 100,000, stop 101,000, 10x: (10,000 + 1,000)/(0.1·1.004) = 109,561.75
		const result = evaluatePlan(plan({ side: 'short', stop: 101_000, targets: [97_000] }), context());
		expect(result.riskReward).toEqual([3]);
		expect(result.liquidationPrice.toFixed(2)).toBe('109561.75');
		expect(result.stopToLiquidationPct.toFixed(2)).toBe('8.56');
		expect(result.warnings).toEqual([]);
	});

	it('puts the whole account behind a cross-margin position', () => {
		// margin = 10,000 = the notional → long liquidation (10,000 − 10,000)/… = 0: cannot be liquidated
		expect(evaluatePlan(plan({ marginMode: 'cross' }), context()).liquidationPrice).toBe(0);
	});

	it('picks the maintenance bracket from the notional', () => {
		// risk 5 % of 1,000,000 over 1,000 → 50 BTC, 5M notional → bracket 2.5 %, c = 46,300
		expect(evaluatePlan(plan({ accountSize: 1_000_000, riskPct: 5, leverage: 5 }), context()).maintenanceMarginRate).toBe(0.025);
	});
});

describe('evaluatePlan: warnings with suggested fixes', () => {
	it('flags a stop inside a bright cluster and suggests just beyond it or the swing low', () => {
		const [warning] = evaluatePlan(plan(), context([cluster('long', 98_800, 99_200)])).warnings;
		expect(warning.code).toBe('stop-in-cluster');
		// just beyond the cluster: 98,800 − ¼·400 = 98,700; the swing low of the fixture: 98,500
		expect(warning).toMatchObject({ stop: 99_000, cluster: { side: 'long', low: 98_800, high: 99_200 }, beyond: 98_700, stacked: false, swing: 98_500 });
		expect(warning.fix).toEqual({ stop: 98_700 });
	});

	it('ignores a faint cluster at the stop', () => {
		expect(codes(evaluatePlan(plan(), context([cluster('long', 98_800, 99_200, 0.2)])))).toEqual([]);
	});

	it('flags a liquidation before the stop and names the safe leverage', () => {
		// 100x: liquidation 100,000·0.99/0.996 = 99,397.59 > stop 99,000. Buffer wanted: max(0.5·400, 0.5 % of 100,000) = 500
		// → liquidation ≤ 98,500: 100,000(1 − 1/L)/0.996 ≤ 98,500 → L ≤ 52.8 → 52x
		const [warning] = evaluatePlan(plan({ leverage: 100 }), context()).warnings;
		expect(warning.code).toBe('liquidation-before-stop');
		expect(warning).toMatchObject({ stop: 99_000, safeLeverage: 52 });
		expect(warning.code === 'liquidation-before-stop' && warning.liquidationPrice.toFixed(2)).toBe('99397.59');
		expect(warning.fix).toEqual({ leverage: 52 });
	});

	it('flags too little buffer between stop and liquidation', () => {
		// 60x: liquidation 100,000·(1 − 1/60)/0.996 = 98,728.2 → buffer 272 < 500
		const [warning] = evaluatePlan(plan({ leverage: 60 }), context()).warnings;
		expect(warning.code).toBe('no-margin-buffer');
		// buffer (99,000 − 98,728.2)/100,000 = 0.272 %; minimum buffer 500
		expect(warning.code === 'no-margin-buffer' && [warning.bufferPct.toFixed(3), warning.liquidationPrice.toFixed(1), warning.minBuffer]).toEqual(['0.272', '98728.2', 500]);
	});

	it('flags its own liquidation inside a dense cluster of its side', () => {
		// 20x: liquidation 100,000·0.95/0.996 = 95,381.5, inside 95,200–95,600. Beyond 95,200 needs
		// 100,000(1 − 1/L)/0.996 ≤ 95,200 → 1/L ≥ 0.05181 → L ≤ 19.3 → 19x (liquidation 94,879.8)
		const [warning] = evaluatePlan(plan({ leverage: 20 }), context([cluster('long', 95_200, 95_600)])).warnings;
		expect(warning.code).toBe('liquidation-in-cluster');
		expect(warning.fix).toEqual({ leverage: 19 });
	});

	it('flags a target beyond the nearest opposing cluster and suggests a partial take-profit at it', () => {
		const [warning] = evaluatePlan(plan(), context([cluster('short', 101_500, 102_000)])).warnings;
		expect(warning.code).toBe('target-beyond-cluster');
		expect(warning).toMatchObject({ target: 0, price: 103_000, cluster: { side: 'short', low: 101_500, high: 102_000 }, edge: 101_500 });
		expect(warning.fix).toEqual({ targets: [101_500] });
	});

	it('refuses a stop on the wrong side, too much risk, and more margin than the account', () => {
		expect(codes(evaluatePlan(plan({ stop: 100_500 }), context()))).toEqual(['invalid-stop']);
		expect(evaluatePlan(plan({ riskPct: 5 }), context()).warnings.find((w) => w.code === 'risk-too-high')?.fix).toEqual({ riskPct: 2 });
		// 5 % of 1,000 over 1,000 → 0.05 BTC = 5,000 notional at 1x > 1,000 account
		const tooBig = evaluatePlan(plan({ accountSize: 1_000, riskPct: 5, leverage: 1 }), context()).warnings.find((w) => w.code === 'margin-exceeds-account');
		expect(tooBig).toMatchObject({ margin: 5_000, accountSize: 1_000, minLeverage: 5 });
	});
});
