/**
 * Incremental analysis for a live feed: appending one closed candle updates the liquidation map, its clusters and the
 * indicators without touching the history. Cost per candle: the engine's O(levels opened or hit · log n), RSI/ATR
 * O(1), and a snapshot of the running map plus cluster detection in O(bins). Same model and rules as `analyze()`;
 * the map's bin width is fixed when the session starts (automatic from the last close, or the user's).
 */
import { detectClusters } from './clusters.ts';
import { StreamingAtr, StreamingRsi } from '../confluence/indicators.ts';
import { LiquidationEngine } from './liquidation-engine.ts';
import type { ModelOptions } from '../analysis/params.ts';
import { autoBinWidth } from './price-bins.ts';
import { RunningMap } from './running-map.ts';
import type { Candle, Cluster, LiquidationMap } from '../types.ts';

export class LiveAnalysis {
	readonly #engine: LiquidationEngine;
	readonly #map: RunningMap;
	readonly #rsi = new StreamingRsi();
	readonly #atr = new StreamingAtr();
	readonly #model: ModelOptions;
	#lastCandle: Candle | null = null;
	#rsiValue: number | null = null;
	#atrValue: number | null = null;

	/** `history`: closed candles of one timeframe (`candleMs`), oldest first; `openInterest[i]` optional (USDT). */
	constructor(history: readonly Candle[], model: ModelOptions, candleMs: number, openInterest?: readonly (number | null)[]) {
		if (history.length === 0) throw new RangeError('a live analysis needs at least one candle');
		this.#model = model;
		this.#engine = new LiquidationEngine({ ...model, candleMs, capacityHint: history.length, keepLiquidations: 20_000 });
		this.#map = new RunningMap(model.binWidth ?? autoBinWidth(history[history.length - 1].close));
		this.#engine.listeners.push(this.#map);
		history.forEach((candle, i) => this.append(candle, openInterest?.[i] ?? null));
	}

	/** Adds one closed candle (and the open interest at its close, USDT, if known). */
	append(candle: Candle, openInterest: number | null = null): void {
		if (this.#lastCandle && candle.time <= this.#lastCandle.time)
			throw new RangeError(`candle ${new Date(candle.time).toISOString()} is not after the last one`);
		this.#engine.add(candle, openInterest);
		this.#rsiValue = this.#rsi.add(candle.close);
		this.#atrValue = this.#atr.add(candle);
		this.#lastCandle = candle;
	}

	get lastCandle(): Candle {
		return this.#lastCandle!;
	}

	get rsi(): number | null {
		return this.#rsiValue;
	}

	get atr(): number | null {
		return this.#atrValue;
	}

	get engine(): LiquidationEngine {
		return this.#engine;
	}

	/** The map as of the last candle (USDT per bin). */
	map(): LiquidationMap {
		return this.#map.snapshot(this.#engine.scale);
	}

	clusters(map: LiquidationMap = this.map()): Cluster[] {
		return detectClusters(map, { threshold: this.#model.clusterThreshold, lastClose: this.lastCandle.close, atr: this.#atrValue });
	}
}
