/**
 * The liquidation engine written the plain way, to check the fast one against: every open level is a record in an
 * array, every candle scans all of them. O(levels × candles): obviously correct, hopelessly slow for years of data.
 * Same rules as `src/lib/core/liquidation-engine.ts` (decay, liquidation by a later candle, OI closes, opening).
 */
import { firstBracketRatio } from '../../src/lib/core/model/liquidation-price.ts';
import type { EngineOptions } from '../../src/lib/core/model/liquidation-engine.ts';
import type { Candle, Liquidation, Side } from '../../src/lib/core/types.ts';

interface Level {
	side: Side;
	price: number;
	notional: number;
}

export class ReferenceEngine {
	levels: Level[] = [];
	liquidations: Liquidation[] = [];
	#previousOpenInterest: number | null = null;

	constructor(private readonly options: EngineOptions) {}

	add(candle: Candle, openInterest: number | null = null): void {
		const { options } = this;
		const halfLifeMs = (options.decayHalfLifeHours ?? 0) * 3_600_000;
		if (halfLifeMs > 0) for (const level of this.levels) level.notional *= Math.pow(0.5, options.candleMs / halfLifeMs);
		let liquidated = 0;
		const kept: Level[] = [];
		for (const level of this.levels) {
			const hit = level.side === 'long' ? candle.low <= level.price : candle.high >= level.price;
			if (hit) {
				this.liquidations.push({ time: candle.time, price: level.price, side: level.side, notional: level.notional });
				liquidated += level.notional;
			} else kept.push(level);
		}
		this.levels = kept;
		const entry = options.entryPrice === 'close' ? candle.close : (candle.high + candle.low + candle.close) / 3;
		let opened = candle.volume * entry * options.participation;
		if (openInterest !== null) {
			const previous = this.#previousOpenInterest;
			const change = previous === null ? 0 : openInterest - previous;
			this.#previousOpenInterest = openInterest;
			const voluntary = -change - liquidated;
			// The fall is that share of all open interest; each modelled level closes the same share.
			if (voluntary > 0 && previous !== null && previous > 0) for (const level of this.levels) level.notional *= 1 - Math.min(1, voluntary / previous);
			opened = Math.max(0, change);
		}
		if (!(opened > 0)) return;
		const totalWeight = options.tiers.reduce((sum, tier) => sum + tier.weight, 0);
		const range = candle.high - candle.low;
		const longShare = options.sideSplit === 'even' || range <= 0 ? 0.5 : (candle.close - candle.low) / range;
		for (const tier of options.tiers) {
			if (!tier.enabled || tier.weight <= 0) continue;
			const notional = (opened * tier.weight) / totalWeight;
			if (notional * longShare > 0) this.levels.push({ side: 'long', price: entry * firstBracketRatio('long', tier.leverage), notional: notional * longShare });
			if (notional * (1 - longShare) > 0)
				this.levels.push({ side: 'short', price: entry * firstBracketRatio('short', tier.leverage), notional: notional * (1 - longShare) });
		}
	}

	/** Binned map like `LiquidationEngine.map`. */
	map(priceMin: number, binWidth: number, binCount: number): { long: number[]; short: number[] } {
		const long = new Array<number>(binCount).fill(0);
		const short = new Array<number>(binCount).fill(0);
		for (const level of this.levels) {
			const bin = Math.floor((level.price - priceMin) / binWidth);
			if (bin >= 0 && bin < binCount) (level.side === 'long' ? long : short)[bin] += level.notional;
		}
		return { long, short };
	}
}
