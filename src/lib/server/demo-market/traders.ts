/**
 * The demo market's own traders: leveraged positions opened, closed and liquidated along the sample path, giving the
 * demo exchanges their liquidation prints, open interest and funding. Built independently of liqmap's position model
 * (different leverage mix, entries, sizes and exits, its own seeded random numbers), so comparing liqmap's estimated
 * map with these prints is not comparing the model with itself.
 *
 * Per sample bar i (its path: see `sample-path.ts`):
 * - 2–5 positions open at a uniformly random point of the bar's path. Side: long with probability
 *   0.5 + 0.2·tanh(50·r), r = return over the last 12 bars (trend followers). Leverage drawn from
 *   3× 15 %, 8× 20 %, 15× 25 %, 30× 20 %, 60× 12 %, 120× 8 %. Notional log-normal, median 40,000 USDT, σ = 1.2,
 *   clamped to 1,000–5,000,000 USDT.
 * - Each open position closes by itself with probability 1/300 per bar (about a day).
 * - A long is liquidated when the path falls to entry·(1 − 1/leverage + 0.4 %), a short when it rises to
 *   entry·(1 + 1/leverage − 0.4 %) (0.4 % maintenance margin), from the bar after its entry, at the first point of the
 *   path that reaches it: one print (time, side liquidated, price = liquidation price, amount in BTC).
 * - Open interest after each bar: Σ amount·close (USDT). Funding rate per 8 h: 0.01 % + 0.2 %·(long − short)/(long +
 *   short) open notional, clamped to ±0.75 % (crowded longs pay).
 * Random numbers: mulberry32 seeded per exchange; bars are simulated in order from the first, so every run agrees.
 */
import { normalRandom, seededRandom } from '../../core/market/synthetic.ts';
import type { SamplePath } from './sample-path.ts';
import type { Side } from '../../core/types.ts';

export interface SimulatedPrint {
	/** Sample cursor (bars) at which the path reached the liquidation price. */
	cursor: number;
	/** The side liquidated. */
	side: Side;
	/** USDT. */
	price: number;
	/** BTC. */
	amount: number;
}

interface Position {
	side: Side;
	amount: number;
	liquidationPrice: number;
	openedBar: number;
}

const LEVERAGE_MIX: readonly [number, number][] = [[3, 0.15], [8, 0.2], [15, 0.25], [30, 0.2], [60, 0.12], [120, 0.08]];
const MAINTENANCE = 0.004;
const CLOSE_PER_BAR = 1 / 300;

export class SimulatedTraders {
	/** Prints in cursor order. */
	readonly prints: SimulatedPrint[] = [];
	/** Open interest (USDT) after each simulated bar. */
	readonly openInterest: number[] = [];
	/** Funding rate per 8 h after each simulated bar (fraction). */
	readonly fundingRate: number[] = [];
	#positions: Position[] = [];
	#random: () => number;
	#gaussian: () => number;

	constructor(
		readonly path: SamplePath,
		seed: number
	) {
		this.#random = seededRandom(seed);
		this.#gaussian = normalRandom(this.#random);
	}

	/** Bars simulated so far. */
	get simulated(): number {
		return this.openInterest.length;
	}

	/** Simulates every bar up to and including `bar` (bounded by the sample). */
	simulateTo(bar: number): void {
		const last = Math.min(bar, this.path.bars.length - 1);
		while (this.simulated <= last) this.#simulateBar(this.simulated);
	}

	#leverage(): number {
		let x = this.#random();
		for (const [leverage, share] of LEVERAGE_MIX) if ((x -= share) < 0) return leverage;
		return LEVERAGE_MIX[LEVERAGE_MIX.length - 1][0];
	}

	#simulateBar(i: number): void {
		const knots = this.path.knots(i);
		const bar = this.path.bars[i];
		// Liquidations first (positions opened in earlier bars), at the first crossing along the path.
		const kept: Position[] = [];
		const printsOfBar: SimulatedPrint[] = [];
		for (const position of this.#positions) {
			const u = position.openedBar < i ? crossing(knots, position) : null;
			if (u !== null) printsOfBar.push({ cursor: i + u, side: position.side, price: round1(position.liquidationPrice), amount: round3(position.amount) });
			else if (this.#random() >= CLOSE_PER_BAR) kept.push(position);
		}
		printsOfBar.sort((a, b) => a.cursor - b.cursor);
		this.prints.push(...printsOfBar);
		// New positions.
		const past = this.path.bars[Math.max(0, i - 12)].close;
		const pLong = 0.5 + 0.2 * Math.tanh((50 * (bar.close - past)) / past);
		const opened = 2 + Math.floor(this.#random() * 4);
		for (let n = 0; n < opened; n++) {
			const entry = this.path.priceAt(i + this.#random());
			const side: Side = this.#random() < pLong ? 'long' : 'short';
			const leverage = this.#leverage();
			const notional = Math.min(5e6, Math.max(1000, 40_000 * Math.exp(1.2 * this.#gaussian())));
			const move = 1 / leverage - MAINTENANCE;
			kept.push({ side, amount: notional / entry, liquidationPrice: side === 'long' ? entry * (1 - move) : entry * (1 + move), openedBar: i });
		}
		this.#positions = kept;
		const close = knots[3];
		let long = 0;
		let short = 0;
		for (const position of kept) {
			if (position.side === 'long') long += position.amount * close;
			else short += position.amount * close;
		}
		this.openInterest.push(Math.round((long + short) * 100) / 100);
		const rate = 0.0001 + (0.002 * (long - short)) / Math.max(long + short, 1);
		this.fundingRate.push(Math.round(Math.min(0.0075, Math.max(-0.0075, rate)) * 1e8) / 1e8);
	}
}

/** Where (fraction 0–1 of the bar) the path first reaches the position's liquidation price, or null. */
function crossing(knots: readonly number[], position: Position): number | null {
	const target = position.liquidationPrice;
	for (let s = 0; s < 3; s++) {
		const a = knots[s];
		const b = knots[s + 1];
		const reached = position.side === 'long' ? Math.min(a, b) <= target : Math.max(a, b) >= target;
		if (!reached) continue;
		const f = a === b ? 0 : Math.min(Math.max((target - a) / (b - a), 0), 1);
		return (s + f) / 3;
	}
	return null;
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const round3 = (value: number) => Math.round(value * 1000) / 1000;
