/**
 * `liqmap calibrate --input FILE --timeframe 15m --horizon 48 [--reach 3] [--seed 1] [--json]`: the walk-forward
 * calibration of `core/calibration.ts` on a file of candles, as the History check panel shows it.
 */
import { AnalysisError, timeframeCandles } from '../core/analysis/analyze.ts';
import { calibrate, DEFAULT_CALIBRATION, type Calibration, type RateSummary } from '../core/calibration/calibration.ts';
import { formatUtc } from '../format.ts';
import { checkWorkLimits, ParamError } from '../core/analysis/params.ts';
import { EMBEDDED_SAMPLE, maxBytesOf, numberFlag, paramUsageError, readCandles, UsageError, viewFromFlags } from './input.ts';
import { bucketLabel, verdictWords } from './wording.ts';

/** The options of `liqmap calibrate` that take a value (`--json` and `--help` are switches). */
export const CALIBRATE_OPTIONS = ['input', 'timeframe', 'horizon', 'reach', 'seed', 'context', 'swing', 'tiers', 'decay', 'participation', 'bin', 'cluster', 'weights'];

interface Output {
	out: (text: string) => void;
}

const round = (value: number | null, decimals = 4) => (value === null ? null : Math.round(value * 10 ** decimals) / 10 ** decimals);
const interval = (ci: [number, number] | null) => (ci ? [round(ci[0]), round(ci[1])] : null);

function sideJson(summary: RateSummary) {
	return {
		hits: summary.hits,
		events: summary.events,
		hitRate: round(summary.hitRate),
		hitRateCi: interval(summary.hitRateCi),
		baselineRate: round(summary.baselineRate),
		lift: round(summary.lift, 3),
		liftCi: interval(summary.liftCi)
	};
}

/** The JSON contract of `liqmap calibrate --json` (and of the History check panel's numbers). */
export function calibrationToJson(result: Calibration) {
	return {
		events: result.events,
		sides: { long: sideJson(result.sides.long), short: sideJson(result.sides.short) },
		byScore: result.byScore.map((b) => ({ bucket: bucketLabel(b), events: b.events, hitRate: round(b.hitRate), hitRateCi: interval(b.hitRateCi), baselineRate: round(b.baselineRate) })),
		verdict: verdictWords(result.verdict),
		overall: sideJson(result.overall),
		reaction: { touches: result.reaction.touches, continuationShare: round(result.reaction.continuationShare), meanMoveAtr: round(result.reaction.meanMoveAtr, 3) },
		period: result.period && { from: new Date(result.period.from).toISOString(), to: new Date(result.period.to).toISOString() },
		options: { horizon: result.options.horizon, reach: result.options.reach, reactionBars: result.options.reactionBars, seed: result.options.seed }
	};
}

const pct = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)} %`);
const ci = (range: [number, number] | null, asPct = true) =>
	range ? `${asPct ? pct(range[0]) : range[0].toFixed(2)}–${asPct ? pct(range[1]) : range[1].toFixed(2)}` : 'n/a';

export function calibrateCommand(flags: Map<string, string>, io: Output): void {
	const view = viewFromFlags(flags);
	const whole = (name: string, fallback: number, min: number, max: number) => {
		const value = numberFlag(flags, name, false) ?? fallback;
		if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`--${name} ${value}: expected a whole number from ${min} to ${max}`);
		return value;
	};
	const horizon = whole('horizon', DEFAULT_CALIBRATION.horizon, 2, 1000);
	const reach = numberFlag(flags, 'reach', false) ?? DEFAULT_CALIBRATION.reach;
	if (!(reach > 0 && reach <= 50)) throw new UsageError(`--reach ${reach}: expected ATR multiples above 0, at most 50`);
	const seed = whole('seed', DEFAULT_CALIBRATION.seed, 0, 2 ** 31);
	const input = flags.get('input');
	let candles;
	try {
		candles = timeframeCandles(readCandles(input ?? EMBEDDED_SAMPLE, maxBytesOf(flags)), view.analysis.timeframe);
		checkWorkLimits(candles, view.analysis);
	} catch (error) {
		if (error instanceof ParamError) throw paramUsageError(error, input ?? 'embedded sample');
		if (error instanceof AnalysisError) throw new UsageError(`${input ?? 'embedded sample'}: ${error.message}`);
		throw error;
	}
	const options = { ...DEFAULT_CALIBRATION, horizon, reach, seed, reactionBars: Math.max(1, Math.round(horizon / 4)) };
	const result = calibrate(candles, view.analysis, options);
	if (flags.has('json')) {
		io.out(JSON.stringify(calibrationToJson(result), null, 2));
		return;
	}
	const period = result.period ? `${formatUtc(result.period.from)} → ${formatUtc(result.period.to)}` : 'no period';
	io.out(`${view.analysis.timeframe} · ${result.events} events · ${period} · horizon ${horizon} bars · reach ${reach} ATR`);
	io.out(verdictWords(result.verdict));
	io.out('');
	const rows = [['', 'events', 'hit-rate', '95 % interval', 'baseline', 'lift', 'lift interval']];
	for (const [name, summary] of [['all', result.overall], ['longs (below)', result.sides.long], ['shorts (above)', result.sides.short]] as const)
		rows.push([name, String(summary.events), pct(summary.hitRate), ci(summary.hitRateCi), pct(summary.baselineRate), summary.lift?.toFixed(2) ?? 'n/a', ci(summary.liftCi, false)]);
	for (const bucket of result.byScore)
		rows.push([`score ${bucketLabel(bucket)}`, String(bucket.events), pct(bucket.hitRate), ci(bucket.hitRateCi), pct(bucket.baselineRate), '', '']);
	const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
	for (const row of rows) io.out(row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  ').trimEnd());
	const { touches, continuationShare, meanMoveAtr } = result.reaction;
	io.out('');
	io.out(`after ${touches} touches: ${pct(continuationShare)} continued through, mean move ${meanMoveAtr === null ? 'n/a' : `${meanMoveAtr.toFixed(2)} ATR`} (${options.reactionBars} bars)`);
}
