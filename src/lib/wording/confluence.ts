/**
 * Words for the confluence codes of core (`core/confluence/`): S/R reasons and zone labels, factor reasons and
 * column labels, the higher-timeframe context, reactions at a cluster, and exchange agreement. Shared by the UI
 * (`ui.ts`) and the CLI (`cli/wording.ts`), which show the same sentences.
 */
import type { ContextTrend } from '../core/confluence/context.ts';
import type { ScoredCluster } from '../core/confluence/confluence.ts';
import type { FactorReason, ScoreFactorName } from '../core/confluence/factors.ts';
import type { Reaction } from '../core/confluence/reactions.ts';
import type { SrLevel, SrReason, SrZone } from '../core/confluence/support-resistance.ts';
import { barsAgo, plural, priceUpTo1, ratioText, shortTime } from './words.ts';

/** Column labels of the cluster table's breakdown, by factor name. */
export const FACTOR_LABELS: Readonly<Record<ScoreFactorName, string>> = {
	intensity: 'Intensity',
	supportResistance: 'S/R',
	volume: 'Volume',
	divergence: 'Divergence',
	structure: 'Structure',
	context: 'Context',
	reachability: 'Reach',
	stacking: 'Stacking',
	agreement: 'Exchanges'
};

/** "prior-week high", "swing low 06-30 14:00", "top of range 06-28 02:00 → 06-29 10:00". */
export function levelWords(level: SrLevel): string {
	switch (level.source) {
		case 'prior-day-high':
		case 'prior-day-low':
		case 'prior-week-high':
		case 'prior-week-low':
			return level.source.replace(/-(high|low)$/, ' $1');
		case 'swing-high':
		case 'swing-low':
			return `swing ${level.source.slice('swing-'.length)} ${shortTime(level.time)}`;
		case 'range-top':
		case 'range-bottom':
			return `${level.source === 'range-top' ? 'top' : 'bottom'} of range ${shortTime(level.time)} → ${shortTime(level.endTime ?? level.time)}`;
	}
}

/** One reason a zone exists: a level's words or "3 rejections". */
export function srReasonWords(reason: SrReason): string {
	return reason.code === 'level' ? levelWords(reason.level) : plural(reason.count, 'rejection');
}

/** A zone's reasons in words, strongest source first. */
export const zoneReasonWords = (zone: Pick<SrZone, 'reasons'>) => zone.reasons.map(srReasonWords);

/** "prior-week high +2": the strongest level's source without its dates, and how many more levels the zone holds. */
export function zoneLabel(zone: SrZone): string {
	const first = zone.reasons[0];
	const dated = (source: string) => source.startsWith('range-') || source.startsWith('swing-');
	const main = !first ? 'level' : first.code === 'level' && dated(first.level.source) ? first.level.source.replace('-', ' ') : srReasonWords(first);
	const more = zone.levels.length - 1;
	return more > 0 ? `${main} +${more}` : main;
}

/** On how many exchanges a cluster appears: "3/3 exchanges", "Bybit only", "2/3 exchanges (Binance, OKX)", "sum only". */
export function agreementLabel(exchanges: readonly string[], total: number): string {
	if (exchanges.length === 0) return 'sum only';
	if (exchanges.length === 1) return `${exchanges[0]} only`;
	if (exchanges.length === total) return `${total}/${total} exchanges`;
	return `${exchanges.length}/${total} exchanges (${exchanges.join(', ')})`;
}

/** The reason behind a factor's points, in plain words. */
export function factorReasonWords(reason: FactorReason): string {
	switch (reason.code) {
		case 'intensity':
			return `intensity ${Math.round(reason.intensity * 100)} % of the peak (percentile ${Math.round(reason.percentile)})`;
		case 'sr-none':
			return 'no S/R level: likely wick-through';
		case 'sr-zone':
			return `on ${reason.reasons.map(srReasonWords).join(', ')} (strength ${Math.round(reason.strength * 100)} %)`;
		case 'volume-rising':
			return `volume rising into it (${ratioText(reason.volumeRatio)} the prior average)`;
		case 'volume-average':
			return `price approaching on average volume (${ratioText(reason.volumeRatio)})`;
		case 'volume-thin':
			return `approaching on thin volume (${ratioText(reason.volumeRatio)})`;
		case 'moving-away':
			return 'price moving away from it';
		case 'divergence-none':
			return `no ${reason.direction} RSI divergence in the last ${reason.bars} bars`;
		case 'divergence':
			return `${reason.kind === 'hidden' ? 'hidden ' : ''}${reason.direction} RSI divergence ${barsAgo(reason.barsAgo)}`;
		case 'structure-none':
			return 'no structure break yet';
		case 'structure': {
			const label = `${reason.kind} ${reason.direction} ${barsAgo(reason.barsAgo)}`;
			return reason.toward ? label : `${label}: away from it`;
		}
		case 'context-none':
			return 'no higher-timeframe context';
		case 'context':
			return `${reason.timeframe} trend ${reason.trend}${reason.toward ? ': toward it' : reason.trend === 'range' ? '' : ': away from it'}`;
		case 'reach-none':
			return 'ATR not yet defined';
		case 'reach': {
			const range = `${reason.rangeAtr.toFixed(1)}-ATR range`;
			return `${reason.distanceAtr.toFixed(1)} ATR away, ${reason.distanceAtr <= reason.rangeAtr ? 'within' : 'beyond'} the recent ${range}`;
		}
		case 'stacked':
			return `stacked with ${plural(reason.neighbours, 'nearby cluster')}`;
		case 'isolated':
			return 'small isolated zone: likely noise';
		case 'single':
			return 'single cluster';
		case 'agreement':
			return `seen on ${agreementLabel(reason.exchanges, reason.total)}`;
	}
}

/** The reasons of the `count` factors that add the most to a cluster's score, intensity aside (a row shows it already). */
export function topReasonWords(cluster: Pick<ScoredCluster, 'breakdown'>, count: number): string[] {
	return cluster.breakdown
		.filter((f) => f.factor !== 'intensity' && f.points > 0)
		.sort((a, b) => b.points - a.points)
		.slice(0, count)
		.map((f) => factorReasonWords(f.reason));
}

/** What the context trend rests on: "BOS up 06-30 08:00, EMA(50) rising 0.050 %/bar". */
export function contextBasisWords(context: ContextTrend): string {
	const event = context.lastEvent;
	const structure = event ? `${event.kind} ${event.direction} ${shortTime(event.time)}` : 'no structure break';
	const slope = context.emaSlopePct;
	const ema =
		slope === null
			? `too few candles for EMA(${context.emaLength})`
			: `EMA(${context.emaLength}) ${context.emaVote === null ? 'flat' : context.emaVote === 'up' ? 'rising' : 'falling'} ${slope.toFixed(3)} %/bar`;
	return `${structure}, ${ema}`;
}

/** "4h trend up: BOS up 06-30 08:00, EMA(50) rising 0.050 %/bar". */
export const contextWords = (context: ContextTrend) => `${context.timeframe} trend ${context.trend}: ${contextBasisWords(context)}`;

/** "false break below 104,812.5 at 06-30 14:00: longs swept, closed back", "reclaim of …", "break above … retested and held". */
export function reactionWords(reaction: Reaction): string {
	const level = priceUpTo1(reaction.level);
	const where = `${reaction.side === 'long' ? 'below' : 'above'} ${level}`;
	const at = shortTime(reaction.time);
	switch (reaction.kind) {
		case 'false-break':
			return `false break ${where} at ${at}: ${reaction.side}s swept, closed back`;
		case 'reclaim':
			return `reclaim of ${level} after the ${reaction.side} sweep at ${at}`;
		case 'hold-and-retest':
			return `break ${where} at ${at}, retested and held`;
	}
}
