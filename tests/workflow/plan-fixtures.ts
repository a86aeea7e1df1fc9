/** Plans and clusters the plan tests share: a long from 100,000 (stop 99,000, target 103,000), ATR 400. */
import type { Cluster } from '../../src/lib/core/types.ts';
import type { PlanContext, TradePlan } from '../../src/lib/core/workflow/trade-plan.ts';

export const plan = (change: Partial<TradePlan> = {}): TradePlan => ({
	side: 'long',
	entry: 100_000,
	stop: 99_000,
	targets: [103_000],
	accountSize: 10_000,
	riskPct: 1,
	leverage: 10,
	marginMode: 'isolated',
	...change
});

export const cluster = (side: Cluster['side'], low: number, high: number, intensity = 0.8): Cluster => ({
	side,
	low,
	high,
	price: (low + high) / 2,
	notional: 1e8,
	intensity,
	percentile: 90,
	distancePct: 0,
	distanceAtr: 0
});

export const context = (clusters: Cluster[] = []): PlanContext => ({ clusters, atr: 400, swingLows: [98_500, 97_000], swingHighs: [101_000] });
