/**
 * The trade plan and its risk checks (checklist step 7).
 *
 * Sizing (USDT, BTC):
 *   risk amount R = account × risk% / 100;  size Q = R / |entry − stop| (BTC);  notional N = Q × entry;
 *   margin = N / leverage (isolated) or the whole account (cross);  risk/reward of target k = (target_k − entry) /
 *   (entry − stop), signed so that a target on the wrong side is negative.
 * Own liquidation price (Binance USDT-M, one position, bracket from N; see `liquidation-price.ts`):
 *   long = (Q·E − M − c) / (Q·(1 − m)),  short = (Q·E + M + c) / (Q·(1 + m)),  M = margin backing the position.
 *   With M = N/L this is the isolated formula; cross margin puts the whole account behind it.
 * Buffer = distance from the stop to the liquidation price, in % of entry, positive when the stop is hit first.
 *
 * Warnings, each with a suggested fix: stop inside a bright cluster; liquidation before the stop; liquidation inside a
 * bright cluster; a target beyond the nearest opposing cluster; too little buffer between stop and liquidation; an
 * inconsistent plan (stop or target on the wrong side, risk above 2 %, margin above the account). A stop on the wrong
 * side, a liquidation before the stop and margin above the account are BLOCKING: the plan cannot be traded as written.
 *
 * Each warning is a code with the numbers its sentence needs (prices USDT, buffer % of entry, leverage ×); the wording
 * modules (`src/lib/wording/plan.ts`) write the message and the suggestion.
 *
 * The fixes are computed jointly (`suggestPlanFix`): one change to the plan that clears every warning it can, checked
 * by evaluating the changed plan, and never one that raises a warning the plan did not have:
 *   stop   → beyond the whole stack of bright clusters around it: clusters closer than the clearance to each other
 *            count as one stack; clearance = max(0.25 ATR, 0.1 % of entry), USDT;
 *   risk   → at most MAX_RISK_PCT;
 *   target → the near edge of the nearest opposing bright cluster;
 *   leverage → the whole number nearest below the current (or, when the margin exceeds the account, above it) whose
 *            own liquidation lies beyond the stop by the minimum buffer, outside every bright cluster of the plan's
 *            side, with the margin within the account; computed after the stop and risk changes (a wider stop means a
 *            smaller position).
 */
import { BINANCE_BTCUSDT_BRACKETS, bracketFor, marginLiquidationPrice } from '../model/liquidation-price.ts';
import type { Cluster, Side } from '../types.ts';

export type MarginMode = 'isolated' | 'cross';

export interface TradePlan {
	side: Side;
	entry: number;
	stop: number;
	targets: number[];
	/** Account size, USDT. */
	accountSize: number;
	/** Share of the account risked at the stop, %. */
	riskPct: number;
	leverage: number;
	marginMode: MarginMode;
}

export type PlanWarningCode =
	| 'invalid-stop'
	| 'invalid-target'
	| 'risk-too-high'
	| 'margin-exceeds-account'
	| 'stop-in-cluster'
	| 'liquidation-before-stop'
	| 'liquidation-in-cluster'
	| 'target-beyond-cluster'
	| 'no-margin-buffer';

/** Warnings after which the plan cannot be traded as written (a red status, not "check"). */
export const BLOCKING_WARNINGS: readonly PlanWarningCode[] = ['invalid-stop', 'liquidation-before-stop', 'margin-exceeds-account'];

/** A cluster's side and price range (USDT), as a warning names it. */
export interface ClusterRange {
	side: Side;
	low: number;
	high: number;
}

/** What every warning carries: the plan's side, and the suggestion as a change to the plan when it is one. */
interface WarningBase {
	side: Side;
	/** The suggestion as a change to the plan, when it is one (for an "Apply" button); absent otherwise. */
	fix?: Partial<TradePlan>;
}

/**
 * A warning: its code and the numbers of its message and suggestion. Prices USDT; `target` is 0-based;
 * `safeLeverage` the leverage `safePlanLeverage` finds (null when none qualifies).
 */
export type PlanWarning = WarningBase &
	(
		| { code: 'invalid-stop'; stop: number; entry: number }
		| { code: 'invalid-target'; target: number; price: number; entry: number }
		| { code: 'risk-too-high'; riskPct: number; maxRiskPct: number; maxRiskAmount: number }
		| { code: 'margin-exceeds-account'; margin: number; accountSize: number; minLeverage: number }
		| { code: 'stop-in-cluster'; stop: number; cluster: ClusterRange; beyond: number; stacked: boolean; swing: number | null }
		| { code: 'liquidation-before-stop'; liquidationPrice: number; stop: number; safeLeverage: number | null }
		| { code: 'no-margin-buffer'; bufferPct: number; liquidationPrice: number; minBuffer: number; safeLeverage: number | null }
		| { code: 'liquidation-in-cluster'; liquidationPrice: number; cluster: ClusterRange; clusterEdge: number; safeLeverage: number | null }
		| { code: 'target-beyond-cluster'; target: number; price: number; cluster: ClusterRange; edge: number }
	);

export interface PlanEvaluation {
	/** Position size, BTC. */
	size: number;
	/** Position notional at entry, USDT. */
	notional: number;
	/** Margin backing the position, USDT. */
	margin: number;
	/** Loss at the stop, USDT. */
	riskAmount: number;
	riskReward: number[];
	liquidationPrice: number;
	maintenanceMarginRate: number;
	/** Stop-to-liquidation buffer, % of entry (positive: the stop is hit first). */
	stopToLiquidationPct: number;
	warnings: PlanWarning[];
}

export interface PlanContext {
	clusters: readonly Cluster[];
	atr: number | null;
	/** Recent swing lows and highs (prices), for stop suggestions. */
	swingLows: readonly number[];
	swingHighs: readonly number[];
	/** Relative intensity (0–1) from which a cluster counts as bright. */
	brightIntensity?: number;
}

export const BRIGHT_INTENSITY = 0.5;
/** Minimum buffer between stop and own liquidation: the larger of 0.5 ATR and 0.5 % of entry. */
export const MIN_BUFFER = { atr: 0.5, pct: 0.5 };
export const MAX_RISK_PCT = 2;
/** Highest leverage a fix may propose (Binance BTCUSDT's maximum). */
export const MAX_LEVERAGE = 125;
/** Gap kept between a stop and the bright cluster it clears: the larger of 0.25 ATR and 0.1 % of entry. */
export const STOP_CLEARANCE = { atr: 0.25, pct: 0.1 };

export function stopClearance(entry: number, atr: number | null): number {
	return Math.max(STOP_CLEARANCE.atr * (atr ?? 0), (STOP_CLEARANCE.pct / 100) * entry);
}

/** Liquidation price of one position backed by `margin` USDT, bracket from its notional. */
export function positionLiquidationPrice(side: Side, entry: number, size: number, margin: number): { price: number; rate: number } {
	const bracket = bracketFor(Math.min(size * entry, BINANCE_BTCUSDT_BRACKETS[BINANCE_BTCUSDT_BRACKETS.length - 1].notionalCap));
	return { price: marginLiquidationPrice(side, entry, size, margin, bracket), rate: bracket.maintenanceMarginRate };
}

const sign = (side: Side) => (side === 'long' ? 1 : -1);

const rangeOf = (cluster: Cluster): ClusterRange => ({ side: cluster.side, low: cluster.low, high: cluster.high });

function inside(price: number, cluster: Cluster): boolean {
	return price >= cluster.low && price <= cluster.high;
}

function brightOf(context: PlanContext): Cluster[] {
	const bright = context.brightIntensity ?? BRIGHT_INTENSITY;
	return context.clusters.filter((c) => c.intensity >= bright);
}

/** The stop just beyond one cluster (clearance past its far edge). */
function stackEdgeBeyond(plan: TradePlan, cluster: Cluster, context: PlanContext): number {
	const clearance = stopClearance(plan.entry, context.atr);
	return Math.round((plan.side === 'long' ? cluster.low - clearance : cluster.high + clearance) * 10) / 10;
}

/**
 * The stop moved past the whole stack of bright clusters it sits in (clusters within the clearance of each other are
 * one stack), rounded to 0.1 USDT; null when the stop is in no bright cluster.
 */
export function stopBeyondStack(plan: TradePlan, context: PlanContext): number | null {
	const bright = brightOf(context);
	const clearance = stopClearance(plan.entry, context.atr);
	let stop = plan.stop;
	const passed = new Set<Cluster>();
	// Each pass moves past one cluster holding the stop (after the first: within the clearance of it), until none does.
	for (;;) {
		const hit = bright.find((c) => !passed.has(c) && stop >= c.low - (passed.size ? clearance : 0) && stop <= c.high + (passed.size ? clearance : 0));
		if (!hit) break;
		passed.add(hit);
		stop = plan.side === 'long' ? Math.min(stop, hit.low - clearance) : Math.max(stop, hit.high + clearance);
	}
	const moved = passed.size > 0;
	return moved ? Math.round(stop * 10) / 10 : null;
}

/** The plan's position: size (BTC) from the risk over the stop distance, and the margin behind it (USDT). */
function position(plan: TradePlan): { size: number; notional: number; margin: number } {
	const stopDistance = sign(plan.side) * (plan.entry - plan.stop);
	const size = stopDistance > 0 ? (plan.accountSize * plan.riskPct) / 100 / stopDistance : 0;
	const notional = size * plan.entry;
	return { size, notional, margin: plan.marginMode === 'cross' ? plan.accountSize : notional / plan.leverage };
}

/**
 * The leverage whose own liquidation lies beyond the stop by the minimum buffer and outside every bright cluster of the
 * plan's side, with the margin within the account: the current one when it qualifies, else the nearest below it, else
 * the nearest above it (margin); null when none does (or in cross margin, where leverage does not move it).
 */
export function safePlanLeverage(plan: TradePlan, context: PlanContext): number | null {
	const { size, notional } = position(plan);
	if (size <= 0 || plan.marginMode === 'cross') return null;
	const minBuffer = Math.max(MIN_BUFFER.atr * (context.atr ?? 0), (MIN_BUFFER.pct / 100) * plan.entry);
	const ownClusters = brightOf(context).filter((c) => c.side === plan.side);
	const ok = (leverage: number) => {
		const margin = notional / leverage;
		if (margin > plan.accountSize) return false;
		const { price } = positionLiquidationPrice(plan.side, plan.entry, size, margin);
		return sign(plan.side) * (plan.stop - price) >= minBuffer && !ownClusters.some((c) => inside(price, c));
	};
	const current = Math.min(MAX_LEVERAGE, Math.max(1, Math.round(plan.leverage)));
	if (ok(plan.leverage)) return plan.leverage;
	for (let leverage = current; leverage >= 1; leverage--) if (ok(leverage)) return leverage;
	for (let leverage = current + 1; leverage <= MAX_LEVERAGE; leverage++) if (ok(leverage)) return leverage;
	return null;
}

/** The leverage (whole, 1–MAX_LEVERAGE) whose own liquidation price is nearest `price` (dragging the liquidation line). */
export function leverageForLiquidation(plan: TradePlan, price: number): number {
	const { size, notional } = position(plan);
	if (size <= 0) return plan.leverage;
	let best = plan.leverage;
	let bestGap = Infinity;
	for (let leverage = 1; leverage <= MAX_LEVERAGE; leverage++) {
		const gap = Math.abs(positionLiquidationPrice(plan.side, plan.entry, size, notional / leverage).price - price);
		if (gap < bestGap) [best, bestGap] = [leverage, gap];
	}
	return best;
}

/** One change to the plan that clears every warning it can (see the header), what it clears and what it leaves. */
export interface PlanFix {
	/** The changed fields, in the order they were decided (risk, stop, targets, leverage). */
	change: Partial<TradePlan>;
	clears: PlanWarningCode[];
	remaining: PlanWarningCode[];
}

export function suggestPlanFix(plan: TradePlan, context: PlanContext): PlanFix | null {
	const before = evaluatePlan(plan, context);
	const had = new Set(before.warnings.map((w) => w.code));
	if (had.size === 0 || had.has('invalid-stop')) return null;
	const parts: Partial<TradePlan>[] = [];
	if (had.has('risk-too-high')) parts.push({ riskPct: MAX_RISK_PCT });
	const stop = had.has('stop-in-cluster') ? stopBeyondStack(plan, context) : null;
	if (stop !== null) parts.push({ stop });
	const targetFix = before.warnings.filter((w) => w.code === 'target-beyond-cluster' || w.code === 'invalid-target');
	if (targetFix.length) {
		const edge = nearestOpposingEdge(plan, context);
		if (edge !== null) {
			const direction = sign(plan.side);
			parts.push({ targets: plan.targets.map((t) => (direction * (t - edge) > 0 || direction * (t - plan.entry) <= 0 ? edge : t)) });
		}
	}
	// Leverage last, on the plan as changed so far; tried with and without the other parts below.
	const candidates: Partial<TradePlan>[] = [];
	for (let mask = (1 << parts.length) - 1; mask >= 0; mask--) {
		const change: Partial<TradePlan> = Object.assign({}, ...parts.filter((_, i) => mask & (1 << i)));
		const leverage = safePlanLeverage({ ...plan, ...change }, context);
		if (leverage !== null && leverage !== plan.leverage) candidates.push({ ...change, leverage });
		if (mask) candidates.push(change);
	}
	let best: { change: Partial<TradePlan>; remaining: PlanWarningCode[] } | null = null;
	for (const change of candidates) {
		const after = new Set(evaluatePlan({ ...plan, ...change }, context).warnings.map((w) => w.code));
		if ([...after].some((code) => !had.has(code))) continue;
		const remaining = [...after];
		if (!best || remaining.length < best.remaining.length) best = { change, remaining };
	}
	if (!best || best.remaining.length === had.size) return null;
	const remaining = best.remaining;
	return { change: best.change, clears: [...had].filter((code) => !remaining.includes(code)), remaining };
}

/** The near edge of the nearest bright cluster on the plan's profit side (above a long's entry, below a short's). */
function nearestOpposingEdge(plan: TradePlan, context: PlanContext): number | null {
	const opposing = brightOf(context)
		.filter((c) => (plan.side === 'long' ? c.low > plan.entry : c.high < plan.entry))
		.sort((a, b) => Math.abs(a.price - plan.entry) - Math.abs(b.price - plan.entry))[0];
	return opposing ? (plan.side === 'long' ? opposing.low : opposing.high) : null;
}

export function evaluatePlan(plan: TradePlan, context: PlanContext): PlanEvaluation {
	const warnings: PlanWarning[] = [];
	const direction = sign(plan.side);
	const stopDistance = direction * (plan.entry - plan.stop);
	const riskAmount = (plan.accountSize * plan.riskPct) / 100;
	const size = stopDistance > 0 ? riskAmount / stopDistance : 0;
	const notional = size * plan.entry;
	const margin = plan.marginMode === 'cross' ? plan.accountSize : notional / plan.leverage;
	const bright = context.brightIntensity ?? BRIGHT_INTENSITY;
	const atr = context.atr ?? 0;

	if (stopDistance <= 0) {
		warnings.push({ code: 'invalid-stop', side: plan.side, stop: plan.stop, entry: plan.entry });
		return { size: 0, notional: 0, margin: 0, riskAmount, riskReward: plan.targets.map(() => 0), liquidationPrice: 0, maintenanceMarginRate: 0, stopToLiquidationPct: 0, warnings };
	}
	const riskReward = plan.targets.map((target) => (direction * (target - plan.entry)) / stopDistance);
	plan.targets.forEach((target, k) => {
		if (riskReward[k] <= 0)
			warnings.push({ code: 'invalid-target', side: plan.side, target: k, price: target, entry: plan.entry });
	});
	if (plan.riskPct > MAX_RISK_PCT)
		warnings.push({
			code: 'risk-too-high',
			side: plan.side,
			riskPct: plan.riskPct,
			maxRiskPct: MAX_RISK_PCT,
			maxRiskAmount: (plan.accountSize * MAX_RISK_PCT) / 100,
			fix: { riskPct: MAX_RISK_PCT }
		});
	if (plan.marginMode === 'isolated' && margin > plan.accountSize)
		warnings.push({
			code: 'margin-exceeds-account',
			side: plan.side,
			margin,
			accountSize: plan.accountSize,
			minLeverage: Math.ceil(notional / plan.accountSize),
			fix: { leverage: Math.ceil(notional / plan.accountSize) }
		});

	const { price: liquidationPrice, rate } = positionLiquidationPrice(plan.side, plan.entry, size, margin);
	const buffer = direction * (plan.stop - liquidationPrice);
	const minBuffer = Math.max(MIN_BUFFER.atr * atr, (MIN_BUFFER.pct / 100) * plan.entry);
	const ownSide: Side = plan.side;
	const brightClusters = context.clusters.filter((c) => c.intensity >= bright);

	const stopCluster = brightClusters.find((c) => inside(plan.stop, c));
	if (stopCluster) {
		const beyond = stopBeyondStack(plan, context) ?? plan.stop;
		const swings = plan.side === 'long' ? context.swingLows.filter((p) => p < plan.entry) : context.swingHighs.filter((p) => p > plan.entry);
		const swing = plan.side === 'long' ? Math.max(...swings) : Math.min(...swings);
		warnings.push({
			code: 'stop-in-cluster',
			side: plan.side,
			stop: plan.stop,
			cluster: rangeOf(stopCluster),
			beyond,
			stacked: beyond !== stackEdgeBeyond(plan, stopCluster, context),
			swing: Number.isFinite(swing) ? swing : null,
			fix: { stop: Math.round(beyond * 10) / 10 }
		});
	}
	if (buffer <= 0) {
		const leverage = safePlanLeverage(plan, context);
		warnings.push({
			code: 'liquidation-before-stop',
			side: plan.side,
			liquidationPrice,
			stop: plan.stop,
			safeLeverage: leverage,
			...(leverage ? { fix: { leverage } } : {})
		});
	} else if (buffer < minBuffer) {
		const leverage = safePlanLeverage(plan, context);
		warnings.push({
			code: 'no-margin-buffer',
			side: plan.side,
			bufferPct: (100 * buffer) / plan.entry,
			liquidationPrice,
			minBuffer,
			safeLeverage: leverage,
			...(leverage ? { fix: { leverage } } : {})
		});
	}
	const liquidationCluster = brightClusters.find((c) => c.side === ownSide && inside(liquidationPrice, c));
	if (liquidationCluster) {
		const clusterEdge = plan.side === 'long' ? liquidationCluster.low : liquidationCluster.high;
		// One leverage for every liquidation warning: beyond the stop by the buffer and outside every bright cluster.
		const leverage = safePlanLeverage(plan, context);
		warnings.push({
			code: 'liquidation-in-cluster',
			side: plan.side,
			liquidationPrice,
			cluster: rangeOf(liquidationCluster),
			clusterEdge,
			safeLeverage: leverage,
			...(leverage ? { fix: { leverage } } : {})
		});
	}
	const opposing = brightClusters
		.filter((c) => (plan.side === 'long' ? c.low > plan.entry : c.high < plan.entry))
		.sort((a, b) => Math.abs(a.price - plan.entry) - Math.abs(b.price - plan.entry))[0];
	if (opposing) {
		const edge = plan.side === 'long' ? opposing.low : opposing.high;
		plan.targets.forEach((target, k) => {
			if (direction * (target - edge) > 0)
				warnings.push({
					code: 'target-beyond-cluster',
					side: plan.side,
					target: k,
					price: target,
					cluster: rangeOf(opposing),
					edge,
					fix: { targets: plan.targets.map((t, i) => (i === k ? edge : t)) }
				});
		});
	}
	return {
		size,
		notional,
		margin,
		riskAmount,
		riskReward,
		liquidationPrice,
		maintenanceMarginRate: rate,
		stopToLiquidationPct: (100 * buffer) / plan.entry,
		warnings
	};
}
