/**
 * Isolated-margin liquidation price with maintenance-margin brackets (Binance USDT-M futures, BTCUSDT).
 *
 * With entry price E (USDT), leverage L, maintenance margin rate m, maintenance amount c (USDT) and size Q (BTC):
 *   long  = (E·(1 − 1/L) − c/Q) / (1 − m)
 *   short = (E·(1 + 1/L) + c/Q) / (1 + m)
 * (initial margin E·Q/L; the position is liquidated when margin + PnL falls to the maintenance margin
 *  m·Q·P − c). Fees and funding are ignored.
 *
 * Brackets (position notional in USDT → m, c), Binance BTCUSDT perpetual leverage & margin table:
 *   0–50k 0.4 % 0; 50k–250k 0.5 % 50; 250k–3M 1 % 1,300; 3M–20M 2.5 % 46,300; 20M–40M 5 % 546,300;
 *   40M–100M 10 % 2,546,300. A bracket's upper bound belongs to it (50,000 USDT is in the first bracket).
 * The heatmap uses the first bracket (aggregate positions of unknown individual size); the calculator picks the
 * bracket from the position's notional E·Q.
 */
import type { Side } from '../types.ts';

export interface MarginBracket {
	/** Upper bound of the bracket's position notional (USDT), inclusive. */
	notionalCap: number;
	maintenanceMarginRate: number;
	/** Maintenance amount c (USDT). */
	maintenanceAmount: number;
}

export const BINANCE_BTCUSDT_BRACKETS: readonly MarginBracket[] = [
	{ notionalCap: 50_000, maintenanceMarginRate: 0.004, maintenanceAmount: 0 },
	{ notionalCap: 250_000, maintenanceMarginRate: 0.005, maintenanceAmount: 50 },
	{ notionalCap: 3_000_000, maintenanceMarginRate: 0.01, maintenanceAmount: 1_300 },
	{ notionalCap: 20_000_000, maintenanceMarginRate: 0.025, maintenanceAmount: 46_300 },
	{ notionalCap: 40_000_000, maintenanceMarginRate: 0.05, maintenanceAmount: 546_300 },
	{ notionalCap: 100_000_000, maintenanceMarginRate: 0.1, maintenanceAmount: 2_546_300 }
];

/** The bracket for a position notional (USDT). Throws above the table's last cap. */
export function bracketFor(notional: number, brackets: readonly MarginBracket[] = BINANCE_BTCUSDT_BRACKETS): MarginBracket {
	if (!(notional >= 0)) throw new RangeError(`notional ${notional} must be a number ≥ 0`);
	const bracket = brackets.find((b) => notional <= b.notionalCap);
	if (!bracket)
		throw new RangeError(`notional ${notional} USDT is above the largest bracket (${brackets[brackets.length - 1].notionalCap})`);
	return bracket;
}

export interface LiquidationPriceResult {
	liquidationPrice: number;
	bracket: MarginBracket;
}

/**
 * Liquidation price of one position of `size` BTC entered at `entry`, backed by `margin` USDT (isolated: the
 * position's own margin, notional / leverage; cross: the account's balance), in a given bracket:
 *   long = (Q·E − M − c) / (Q·(1 − m)),  short = (Q·E + M + c) / (Q·(1 + m)).
 * With M = Q·E/L these are the isolated formulas above. A result ≤ 0 means the long cannot be liquidated: 0.
 */
export function marginLiquidationPrice(side: Side, entry: number, size: number, margin: number, bracket: MarginBracket): number {
	const m = bracket.maintenanceMarginRate;
	const c = bracket.maintenanceAmount;
	const price = side === 'long' ? (size * entry - margin - c) / (size * (1 - m)) : (size * entry + margin + c) / (size * (1 + m));
	return Math.max(0, price);
}

/**
 * Liquidation price of an isolated position. `notional` (USDT, E·Q) picks the bracket; without it the first bracket
 * applies with c = 0, where the size cancels out.
 */
export function liquidationPrice(side: Side, entry: number, leverage: number, notional?: number): LiquidationPriceResult {
	if (!(entry > 0)) throw new RangeError(`entry ${entry} must be a positive price`);
	if (!(leverage >= 1)) throw new RangeError(`leverage ${leverage} must be at least 1`);
	const bracket = notional === undefined ? BINANCE_BTCUSDT_BRACKETS[0] : bracketFor(notional);
	const positionNotional = notional === undefined || notional === 0 ? entry : notional;
	const size = positionNotional / entry;
	return { liquidationPrice: marginLiquidationPrice(side, entry, size, positionNotional / leverage, bracket), bracket };
}

/** Ratio liquidation price / entry for the first bracket: the heatmap's per-tier multiplier. */
export function firstBracketRatio(side: Side, leverage: number): number {
	return liquidationPrice(side, 1, leverage).liquidationPrice;
}
