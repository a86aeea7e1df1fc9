/**
 * The parameters of one analysis and of one chart view, their defaults, their bounds, and their text form
 * (URL query / CLI flags). One validator serves the browser's URL, the JSON API and the command line, so a value is
 * accepted or refused the same way everywhere.
 *
 * Units: `lookbackDays` in days of candles; `participation` a fraction (0–1] of traded notional; `decayHalfLifeHours`
 * in hours (null = positions are only removed by liquidation); `binWidth` in USDT (null = automatic);
 * `clusterThreshold` and `minIntensity` relative intensity 0–1; tier `weight` in percent.
 *
 * Limits (`ANALYSIS_LIMITS`) bound the work any accepted parameter set can ask for: at most 10 leverage tiers, leverage
 * 1–125 with at most two decimals, lookback 7–90 days, swing 1–50 bars, and (checked against the data by
 * `checkWorkLimits`) at most 100,000 price bins over the candles' range and 1,000,000 candles. Beyond them a value is
 * refused naming the limit (API 400, CLI exit code 2).
 */
import { CONFLUENCE_FACTORS, DEFAULT_WEIGHTS, type ConfluenceWeights } from '../confluence/confluence.ts';
import { MAX_CANDLES } from '../market/candle-validation.ts';
import type { Candle, LeverageTier, Timeframe } from '../types.ts';

export const TIMEFRAMES: readonly Timeframe[] = ['5m', '15m', '1h', '4h', '1d'];
/**
 * A data source id: `sample` (the embedded sample), an exchange id of the server's registry
 * (`server/exchanges.ts`), or `all` (every exchange aggregated). Core holds no exchange id: callers pass the list of
 * valid sources to `parseViewParams`.
 */
export type Source = string;
/** The form of a source id where no list is at hand (the browser before `/api/sources` answers): the server decides. */
export const SOURCE_ID = /^[a-z][a-z0-9]{0,31}$/;
export const LOOKBACK_DAYS: readonly number[] = [7, 14, 30, 60, 90];
export const SCALE_MODES = ['max', 'percentile', 'log'] as const;
export type ScaleMode = (typeof SCALE_MODES)[number];
export const VIEW_MODES = ['bands', 'history'] as const;
export type ViewMode = (typeof VIEW_MODES)[number];

/** The most work one analysis may be asked for; each is named in the refusal that enforces it. */
export const ANALYSIS_LIMITS = {
	/** Leverage tiers in one parameter set. */
	maxTiers: 10,
	/** Leverage range of a tier (1 = no leverage: liquidated only by a fall to about zero). */
	leverage: { min: 1, max: 125 },
	/** Decimals of a tier's leverage (exchanges step leverage by 0.01 at the finest). */
	leverageDecimals: 2,
	/** Price bins over the candles' whole price range, when the bin width is set by hand. */
	maxBins: 100_000,
	/** Candles in one series (the same limit as every candle input, `candle-validation.ts`). */
	maxCandles: MAX_CANDLES
} as const;

/** Leverage tiers and default weights (%) from the product brief: 5x 10 %, 10x 25 %, 25x 30 %, 50x 20 %, 100x 15 %. */
export const DEFAULT_TIERS: readonly LeverageTier[] = [
	{ leverage: 5, weight: 10, enabled: true },
	{ leverage: 10, weight: 25, enabled: true },
	{ leverage: 25, weight: 30, enabled: true },
	{ leverage: 50, weight: 20, enabled: true },
	{ leverage: 100, weight: 15, enabled: true }
];

/** Where a candle's new positions are assumed to be entered. */
export type EntryPriceRule = 'typical' | 'close';

/** How a candle's new notional is split between longs and shorts. */
export type SideSplitRule = 'close-location' | 'even';

/** Options of the position model (see `liquidation-engine.ts` for how each is used). */
export interface ModelOptions {
	tiers: LeverageTier[];
	/** Volume proxy: share of a candle's traded notional assumed to open new leveraged positions. */
	participation: number;
	/** Half-life of voluntary closes in hours; null disables decay. */
	decayHalfLifeHours: number | null;
	/** Price bin width in USDT; null picks one from the price level (see `autoBinWidth`). */
	binWidth: number | null;
	/** Minimum relative intensity (0–1) of a bin to belong to a cluster. */
	clusterThreshold: number;
	entryPrice: EntryPriceRule;
	sideSplit: SideSplitRule;
}

/** What one `analyze()` call computes. */
export interface AnalysisParams {
	timeframe: Timeframe;
	lookbackDays: number;
	model: ModelOptions;
	/** Also build the time-evolving grid (history mode). */
	history: boolean;
	/** Higher timeframe used as a trend filter; null = the usual one for the timeframe (`DEFAULT_CONTEXT`). */
	contextTimeframe: Timeframe | null;
	/** Bars on each side of a swing high/low (market structure, S/R swings). */
	swingLength: number;
	/** Points of each confluence factor at full strength. */
	weights: ConfluenceWeights;
}

/** Display choices that do not change the analysis, only the picture. */
export interface DisplayOptions {
	scale: ScaleMode;
	/** Bins below this relative intensity (0–1, after scaling) are not drawn. */
	minIntensity: number;
	mode: ViewMode;
	showLongs: boolean;
	showShorts: boolean;
}

export interface ViewParams {
	source: Source;
	analysis: AnalysisParams;
	display: DisplayOptions;
}

/**
 * Long names accepted for the short URL parameters, used by the CLI (`--timeframe`) and the JSON API
 * (`?timeframe=`), so all three validate through `parseViewParams`.
 */
export const PARAM_ALIASES: Readonly<Record<string, string>> = {
	timeframe: 'tf',
	lookback: 'days',
	context: 'ctx',
	source: 'source',
	tiers: 'tiers',
	decay: 'decay',
	participation: 'participation',
	bin: 'bin',
	cluster: 'cluster',
	swing: 'swing',
	weights: 'weights',
	entryRule: 'entryRule',
	sideSplit: 'sideSplit'
};

/** A lookup by long names (`timeframe`, `lookback`, …) for `parseViewParams`; display-only parameters stay unset. */
export function aliasedLookup(get: (longName: string) => string | null | undefined): (name: string) => string | null | undefined {
	const longName = Object.fromEntries(Object.entries(PARAM_ALIASES).map(([long, short]) => [short, long]));
	return (name) => (name in longName ? get(longName[name]) : null);
}

/** The long name of a short parameter, for error messages in the CLI and the API. */
export function longParamName(name: string): string {
	return Object.entries(PARAM_ALIASES).find(([, short]) => short === name)?.[0] ?? name;
}

export const DEFAULT_MODEL: ModelOptions = {
	tiers: DEFAULT_TIERS.map((tier) => ({ ...tier })),
	participation: 0.1,
	decayHalfLifeHours: 72,
	binWidth: null,
	clusterThreshold: 0.25,
	entryPrice: 'typical',
	sideSplit: 'close-location'
};

export function defaultAnalysisParams(): AnalysisParams {
	return {
		timeframe: '15m',
		lookbackDays: 30,
		model: { ...DEFAULT_MODEL, tiers: DEFAULT_TIERS.map((tier) => ({ ...tier })) },
		history: false,
		contextTimeframe: null,
		swingLength: 5,
		weights: { ...DEFAULT_WEIGHTS }
	};
}

export function defaultDisplayOptions(): DisplayOptions {
	return { scale: 'max', minIntensity: 0.05, mode: 'bands', showLongs: true, showShorts: true };
}

export function defaultViewParams(defaultSource: Source = 'sample'): ViewParams {
	return { source: defaultSource, analysis: defaultAnalysisParams(), display: defaultDisplayOptions() };
}

/** A refused parameter: which one, the value given, and why. */
export class ParamError extends Error {
	constructor(
		readonly param: string,
		readonly value: string,
		/** Why it is refused, without the name and value (for callers that word the parameter their own way). */
		readonly reason: string
	) {
		super(`${param}=${JSON.stringify(value)}: ${reason}`);
		this.name = 'ParamError';
	}
}

type Lookup = (name: string) => string | null | undefined;

function pick<T extends string>(get: Lookup, name: string, allowed: readonly T[], fallback: T): T {
	const raw = get(name);
	if (raw == null || raw === '') return fallback;
	if ((allowed as readonly string[]).includes(raw)) return raw as T;
	throw new ParamError(name, raw, `expected one of ${allowed.join(', ')}`);
}

function number(get: Lookup, name: string, min: number, max: number, fallback: number): number {
	const raw = get(name);
	if (raw == null || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value)) throw new ParamError(name, raw, 'not a number');
	if (value < min || value > max) throw new ParamError(name, raw, `expected a number from ${min} to ${max}`);
	return value;
}

function flag(get: Lookup, name: string, fallback: boolean): boolean {
	const raw = get(name);
	if (raw == null || raw === '') return fallback;
	if (raw === '1' || raw === 'true') return true;
	if (raw === '0' || raw === 'false') return false;
	throw new ParamError(name, raw, 'expected 1 or 0');
}

/**
 * Leverage tiers in text form: `5:10,10:25,25:30,50:20,100:15` (leverage:weight%), a `!` suffix on a tier disables it
 * (`100:15!`). At most `ANALYSIS_LIMITS.maxTiers` tiers; leverage 1–125 with at most two decimals, weight 0–100.
 */
export function parseTiers(raw: string): LeverageTier[] {
	const { maxTiers, leverage: range, leverageDecimals } = ANALYSIS_LIMITS;
	const parts = raw.split(',');
	if (parts.length > maxTiers) throw new ParamError('tiers', raw, `${parts.length} tiers, more than the limit of ${maxTiers}`);
	const tiers = parts.map((part) => {
		const match = /^\s*(\d+(?:\.\d+)?)x?:(\d+(?:\.\d+)?)(!?)\s*$/.exec(part);
		if (!match) throw new ParamError('tiers', raw, `"${part}" is not leverage:weight (e.g. 10:25)`);
		const leverage = Number(match[1]);
		const weight = Number(match[2]);
		if (leverage < range.min || leverage > range.max) throw new ParamError('tiers', raw, `leverage ${leverage} is outside ${range.min}–${range.max}`);
		if ((match[1].split('.')[1] ?? '').length > leverageDecimals)
			throw new ParamError('tiers', raw, `leverage ${match[1]} has more than ${leverageDecimals} decimals`);
		if (weight > 100) throw new ParamError('tiers', raw, `weight ${weight} is above 100 %`);
		return { leverage, weight, enabled: match[3] !== '!' };
	});
	const seen = new Set<number>();
	for (const tier of tiers) {
		if (seen.has(tier.leverage)) throw new ParamError('tiers', raw, `leverage ${tier.leverage}x is listed twice`);
		seen.add(tier.leverage);
	}
	return tiers.sort((a, b) => a.leverage - b.leverage);
}

/**
 * The limits that depend on the data: at most `ANALYSIS_LIMITS.maxCandles` candles, and a hand-set bin width giving at
 * most `ANALYSIS_LIMITS.maxBins` bins over the candles' price range (lowest low to highest high). Throws `ParamError`.
 */
export function checkWorkLimits(candles: readonly Candle[], params: AnalysisParams): void {
	const { maxCandles, maxBins } = ANALYSIS_LIMITS;
	if (candles.length > maxCandles)
		throw new ParamError('candles', String(candles.length), `more than the limit of ${maxCandles.toLocaleString('en-US')} candles`);
	const bin = params.model.binWidth;
	if (bin === null || candles.length === 0) return;
	let low = Infinity;
	let high = -Infinity;
	for (const candle of candles) {
		if (candle.low < low) low = candle.low;
		if (candle.high > high) high = candle.high;
	}
	const bins = Math.ceil((high - low) / bin);
	if (bins > maxBins)
		throw new ParamError('bin', String(bin), `${bins.toLocaleString('en-US')} bins over the price range ${low}–${high}, more than the limit of ${maxBins.toLocaleString('en-US')}`);
}

const FACTOR_KEYS = CONFLUENCE_FACTORS.map((factor) => factor.key);

function weightValue(raw: string, key: string, part: string): number {
	const value = Number(part);
	if (part === '' || !Number.isFinite(value) || value < 0 || value > 100)
		throw new ParamError('weights', raw, `${key} "${part}" is not a number from 0 to 100`);
	return value;
}

/**
 * Confluence weights in text form: named pairs `intensity:25,sr:20,volume:10,…` (keys from the factor table,
 * `factors.ts`; a factor left out keeps its default weight; each 0–100). The older positional form
 * `25,20,10,10,10,10,15,10[,10]` (the table's order, agreement optional) is still read.
 */
export function parseWeights(raw: string): ConfluenceWeights {
	const parts = raw.split(',').map((part) => part.trim());
	const weights = { ...DEFAULT_WEIGHTS };
	if (parts.every((part) => !part.includes(':'))) {
		if (parts.length !== FACTOR_KEYS.length && parts.length !== FACTOR_KEYS.length - 1)
			throw new ParamError('weights', raw, `expected ${FACTOR_KEYS.length} numbers or key:weight pairs (${FACTOR_KEYS.join(', ')})`);
		parts.forEach((part, i) => (weights[CONFLUENCE_FACTORS[i].name] = weightValue(raw, FACTOR_KEYS[i], part)));
		return weights;
	}
	const seen = new Set<string>();
	for (const part of parts) {
		const [key, value, extra] = part.split(':').map((piece) => piece.trim());
		const factor = CONFLUENCE_FACTORS.find((f) => f.key === key);
		if (!factor || value === undefined || extra !== undefined)
			throw new ParamError('weights', raw, `"${part}" is not key:weight with a key among ${FACTOR_KEYS.join(', ')}`);
		if (seen.has(key)) throw new ParamError('weights', raw, `${key} is listed twice`);
		seen.add(key);
		weights[factor.name] = weightValue(raw, key, value);
	}
	return weights;
}

/** Named pairs for every factor, in the table's order: `intensity:25,sr:20,…`. */
export function formatWeights(weights: ConfluenceWeights): string {
	return CONFLUENCE_FACTORS.map((factor) => `${factor.key}:${weights[factor.name]}`).join(',');
}

export function formatTiers(tiers: readonly LeverageTier[]): string {
	return tiers.map((t) => `${t.leverage}:${t.weight}${t.enabled ? '' : '!'}`).join(',');
}

/**
 * Reads and validates view parameters; absent ones take their defaults. Throws `ParamError` on the first bad one.
 * `sources`: the valid source ids (the server's registry); absent: any well-formed id (the server validates it).
 */
export function parseViewParams(get: Lookup, defaultSource: Source = 'sample', sources?: readonly Source[]): ViewParams {
	const defaults = defaultViewParams(defaultSource);
	const model = defaults.analysis.model;
	const tiersRaw = get('tiers');
	const decay = number(get, 'decay', 0, 24 * 365, model.decayHalfLifeHours ?? 0);
	const bin = number(get, 'bin', 0, 10_000, 0);
	const analysis: AnalysisParams = {
		timeframe: pick(get, 'tf', TIMEFRAMES, defaults.analysis.timeframe),
		lookbackDays: Number(
			pick(get, 'days', LOOKBACK_DAYS.map(String), String(defaults.analysis.lookbackDays))
		),
		model: {
			tiers: tiersRaw ? parseTiers(tiersRaw) : model.tiers,
			participation: number(get, 'participation', 0.001, 1, model.participation),
			decayHalfLifeHours: decay > 0 ? decay : null,
			binWidth: bin > 0 ? bin : null,
			clusterThreshold: number(get, 'cluster', 0.01, 1, model.clusterThreshold),
			entryPrice: pick(get, 'entryRule', ['typical', 'close'] as const, model.entryPrice),
			sideSplit: pick(get, 'sideSplit', ['close-location', 'even'] as const, model.sideSplit)
		},
		history: false,
		contextTimeframe: get('ctx') ? pick(get, 'ctx', TIMEFRAMES, '1d') : null,
		swingLength: number(get, 'swing', 1, 50, defaults.analysis.swingLength),
		weights: get('weights') ? parseWeights(get('weights')!) : defaults.analysis.weights
	};
	const order = (tf: Timeframe) => TIMEFRAMES.indexOf(tf);
	if (analysis.contextTimeframe && order(analysis.contextTimeframe) < order(analysis.timeframe))
		throw new ParamError('ctx', analysis.contextTimeframe, `the context must not be shorter than the chart's ${analysis.timeframe}`);
	if (!Number.isInteger(analysis.swingLength)) throw new ParamError('swing', String(get('swing')), 'expected a whole number of bars');
	const display: DisplayOptions = {
		scale: pick(get, 'scale', SCALE_MODES, defaults.display.scale),
		minIntensity: number(get, 'min', 0, 0.95, defaults.display.minIntensity),
		mode: pick(get, 'mode', VIEW_MODES, defaults.display.mode),
		showLongs: flag(get, 'longs', defaults.display.showLongs),
		showShorts: flag(get, 'shorts', defaults.display.showShorts)
	};
	analysis.history = display.mode === 'history';
	return { source: sourceParam(get, defaults.source, sources), analysis, display };
}

function sourceParam(get: Lookup, fallback: Source, sources: readonly Source[] | undefined): Source {
	if (sources) return pick(get, 'source', sources, fallback);
	const raw = get('source');
	if (raw == null || raw === '') return fallback;
	if (!SOURCE_ID.test(raw)) throw new ParamError('source', raw, 'expected a source id (sample, an exchange, or all)');
	return raw;
}

/** The query string of a view, listing only what differs from the defaults (so default URLs stay short). */
export function formatViewParams(view: ViewParams, defaultSource: Source = 'sample'): URLSearchParams {
	const defaults = defaultViewParams(defaultSource);
	const query = new URLSearchParams();
	const { analysis, display } = view;
	const set = (name: string, value: string, fallback: string) => {
		if (value !== fallback) query.set(name, value);
	};
	set('source', view.source, defaults.source);
	set('tf', analysis.timeframe, defaults.analysis.timeframe);
	set('days', String(analysis.lookbackDays), String(defaults.analysis.lookbackDays));
	set('tiers', formatTiers(analysis.model.tiers), formatTiers(defaults.analysis.model.tiers));
	set('participation', String(analysis.model.participation), String(defaults.analysis.model.participation));
	set('decay', String(analysis.model.decayHalfLifeHours ?? 0), String(defaults.analysis.model.decayHalfLifeHours ?? 0));
	set('bin', String(analysis.model.binWidth ?? 0), '0');
	set('cluster', String(analysis.model.clusterThreshold), String(defaults.analysis.model.clusterThreshold));
	set('entryRule', analysis.model.entryPrice, defaults.analysis.model.entryPrice);
	set('sideSplit', analysis.model.sideSplit, defaults.analysis.model.sideSplit);
	set('ctx', analysis.contextTimeframe ?? '', '');
	set('swing', String(analysis.swingLength), String(defaults.analysis.swingLength));
	set('weights', formatWeights(analysis.weights), formatWeights(defaults.analysis.weights));
	set('scale', display.scale, defaults.display.scale);
	set('min', String(display.minIntensity), String(defaults.display.minIntensity));
	set('mode', display.mode, defaults.display.mode);
	set('longs', display.showLongs ? '1' : '0', '1');
	set('shorts', display.showShorts ? '1' : '0', '1');
	return query;
}
