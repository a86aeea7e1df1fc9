/**
 * `liqmap`: the command line over the same `analyze()` and parameter validation as the app.
 *
 *   liqmap heatmap --input FILE --timeframe 1h [--lookback DAYS] [--tiers 5:10,10:25,…] [--decay HOURS] [--json]
 *   liqmap analyze --input FILE --timeframe 15m [--context 4h] [--swing N] [--json]
 *   liqmap liq-price --side long|short --entry E --leverage L [--notional N] [--json]
 *   liqmap plan [--input FILE] --timeframe 15m --side long --entry E --stop S --target T[,T2…] --account A --risk R
 *               --leverage L [--margin isolated|cross] [--json]
 *   liqmap calibrate [--input FILE] --timeframe 15m [--horizon 48] [--reach 3] [--seed 1] [--json]
 *   liqmap --help | --version | <command> --help
 *
 * Options are read by `readOptions` (`node:util` parseArgs): unknown, repeated or malformed options are refused.
 * Bad input: one line on stderr (at most 300 characters, control characters escaped) naming the file, the line and
 * the problem, exit code 2. Built to `dist-cli/liqmap.js` by `npm run build` (`scripts/build-cli.js`).
 */
import { AnalysisError, type Analysis } from '../core/analysis/analyze.ts';
import { analyzeMarket, requireAnalysis } from '../core/analysis/market-analysis.ts';
import { checkWorkLimits, PARAM_ALIASES, ParamError } from '../core/analysis/params.ts';
import { escapeControls } from '../core/market/candle-validation.ts';
import { liquidationPrice } from '../core/model/liquidation-price.ts';
import { planContext } from '../core/workflow/checklist.ts';
import { evaluatePlan, type TradePlan } from '../core/workflow/trade-plan.ts';
import type { Side } from '../core/types.ts';
import { formatAtr, formatPct, formatPrice, formatUsd, formatUtc, priceDecimals, roundPrice } from '../format.ts';
import { analyzeLiveForCli, isLiveSource } from '../server/cli-live.ts';
import { SOURCE_IDS } from '../server/exchanges.ts';
import { readOptions, type Flags, type OptionSpec } from './args.ts';
import { CALIBRATE_OPTIONS, calibrateCommand } from './calibrate-command.ts';
import { DEMO_MARKET_HELP, demoMarketCommand, WATCH_HELP, WATCH_SOURCES, watchCommand } from './stream-commands.ts';
import { analysisToJson, clusterWhy, contextLine, planWarningJson, planWarningText } from './wording.ts';
import { EXPORT_HELP, exportCommand, REALISED_OPTIONS, realisedCalibrateCommand, RECORD_HELP, recordCommand } from './recorder-commands.ts';
import { EMBEDDED_SAMPLE, maxBytesOf, numberFlag, packageVersion, paramUsageError, readCandles, UsageError, viewFromFlags } from './input.ts';

/** `sample|binanceusdm|bybit|okx|all`, from the exchange registry (`server/exchanges.ts`). */
const SOURCE_CHOICES = SOURCE_IDS.join('|');

export { EMBEDDED_SAMPLE, UsageError } from './input.ts';

const USAGE = `liqmap: the app's liquidation heatmap, confluence analysis, trade plan and calibration on the command line.
usage:
  liqmap heatmap [--input FILE] --timeframe 5m|15m|1h|4h|1d [--lookback 7|14|30|60|90] [--tiers 5:10,10:25,25:30,50:20,100:15]
                 [--decay HOURS] [--participation F] [--bin USDT] [--cluster 0-1] [--json]
  liqmap analyze [--input FILE] --timeframe 15m [--context 4h] [--swing N] [--weights intensity:25,sr:20,…] [same model options] [--json]
  liqmap liq-price --side long|short --entry PRICE --leverage L [--notional USDT] [--json]
  liqmap plan [--input FILE] --timeframe 15m --side long|short --entry E --stop S --target T[,T2,…] --account USDT
              --risk PCT --leverage L [--margin isolated|cross] [--json]
  liqmap calibrate [--input FILE] --timeframe 15m [--horizon 48] [--reach 3] [--seed 1] [--json]
  liqmap watch --source ${WATCH_SOURCES.join('|')} [--timeframe 5m] [--json]
  liqmap demo-market [--port P] [--speed BARS_PER_S]
  liqmap record --source binanceusdm,bybit,okx|all [--db PATH|postgres://…]   (--status: the database and its rows)
  liqmap export --what liquidations|candles|oi|funding [--db …] [--source …] [--from T] [--to T] [--json]
  liqmap calibrate --realised --source binanceusdm,bybit,okx|all --timeframe 15m [--db …] [--seed 1] [--json]
  liqmap --version | --help | <command> --help
FILE is a CSV of candles (time,open,high,low,close,volume) or a candle pack (.json); without --input the embedded
Bybit BTCUSDT 5m sample is used. heatmap and analyze also take --source ${SOURCE_IDS.slice(1).join('|')} (live BTC/USDT
perpetual through ccxt instead of a file; all = the three exchanges' maps summed, with per-cluster agreement).
Inputs over 512 MiB are refused (--max-bytes N or LIQMAP_MAX_BYTES to change the limit).`;

/** Model options of every analysing command: the long names of the app's parameters. */
const MODEL_OPTIONS = Object.keys(PARAM_ALIASES).filter((name) => name !== 'source');
const PLAN_OPTIONS = ['side', 'entry', 'stop', 'target', 'account', 'risk', 'leverage', 'margin'];

const MODEL_HELP = `model options (the app's parameters, same limits):
  --lookback 7|14|30|60|90   --tiers LEV:WEIGHT,… (at most 10 tiers; leverage 1–125, two decimals; "!" switches one off)
  --decay HOURS (0 = off)    --participation 0.001–1   --bin USDT (0 = automatic)   --cluster 0.01–1
  --context 5m|…|1d          --swing 1–50              --weights intensity:25,sr:20,volume:10,… (or 25,20,…)
  --entryRule typical|close  --sideSplit close-location|even
input: --input FILE (CSV or candle pack; default: the embedded sample), --max-bytes N (default 512 MiB)
--json prints JSON instead of a table (a switch: --json=false is refused).`;

interface Command extends OptionSpec {
	/** `liqmap <command> --help`. */
	help: string;
	/** Runs the command; returns its exit code. */
	run: (flags: Flags, io: Output) => number;
}

const COMMANDS: Record<string, Command> = {
	heatmap: {
		values: ['input', 'max-bytes', 'source', ...MODEL_OPTIONS],
		switches: ['json'],
		help: `usage: liqmap heatmap [--input FILE | --source ${SOURCE_CHOICES}] --timeframe 5m|15m|1h|4h|1d [options] [--json]
The liquidation clusters: side, price range, notional, intensity, distance in % and in ATR.
${MODEL_HELP}`,
		run: (flags, io) => liveCommand('heatmap', flags, io) ?? (heatmap(flags, io), 0)
	},
	analyze: {
		values: ['input', 'max-bytes', 'source', ...MODEL_OPTIONS],
		switches: ['json'],
		help: `usage: liqmap analyze [--input FILE | --source ${SOURCE_CHOICES}] --timeframe 15m [options] [--json]
Clusters with confluence scores and their breakdown, S/R zones, structure (BOS/CHoCH), RSI divergences, context trend.
${MODEL_HELP}`,
		run: (flags, io) => liveCommand('analyze', flags, io) ?? (analyzeCommand(flags, io), 0)
	},
	plan: {
		values: ['input', 'max-bytes', ...PLAN_OPTIONS, ...MODEL_OPTIONS],
		switches: ['json'],
		help: `usage: liqmap plan [--input FILE] --timeframe 15m --side long|short --entry E --stop S --target T[,T2,…]
                   --account USDT --risk PCT (0–100] --leverage 1–125 [--margin isolated|cross] [options] [--json]
The plan evaluation of checklist step 7: size, R/R per target, own liquidation price, warnings with a fix.
${MODEL_HELP}`,
		run: (flags, io) => (planCommand(flags, io), 0)
	},
	calibrate: {
		values: ['max-bytes', ...CALIBRATE_OPTIONS, ...REALISED_OPTIONS],
		switches: ['json', 'realised'],
		help: `usage: liqmap calibrate [--input FILE] --timeframe 15m [--horizon 2–1000 bars] [--reach ATR (0, 50]] [--seed N] [--json]
Walk-forward hit-rates of the clusters against the same-distance baseline, per side and score bucket.
Also takes --context, --swing, --tiers, --decay, --participation, --bin, --cluster, --weights, --max-bytes.
       liqmap calibrate --realised --source binanceusdm,bybit,okx|all --timeframe 15m [--db …] [--seed N] [--json]
The map against recorded liquidation prints: for each print, the map as of the candle before it; the share of realised
notional inside clusters of its side against the share of the candle's range those clusters covered (lift, bootstrap
interval), per side, exchange and score bucket, outages left out. --db: LIQMAP_DB, else ./data/liqmap.sqlite.`,
		run: (flags, io) => {
			if (flags.has('realised')) return realisedCalibrateCommand(flags, io);
			for (const name of REALISED_OPTIONS) if (flags.has(name)) throw new UsageError(`--${name} goes with --realised (the walk-forward calibration reads --input)`);
			return (calibrateCommand(flags, io), 0);
		}
	},
	'liq-price': {
		values: ['side', 'entry', 'leverage', 'notional'],
		switches: ['json'],
		help: `usage: liqmap liq-price --side long|short --entry PRICE --leverage 1–125 [--notional USDT] [--json]
The liquidation price of one position (Binance USDT-M brackets; --notional picks the bracket, else the first).`,
		run: (flags, io) => (liqPrice(flags, io), 0)
	},
	watch: { values: ['source', 'timeframe'], switches: ['json'], help: WATCH_HELP, run: watchCommand },
	'demo-market': { values: ['port', 'speed'], switches: [], help: DEMO_MARKET_HELP, run: demoMarketCommand },
	record: { values: ['source', 'db'], switches: ['status', 'json'], help: RECORD_HELP, run: recordCommand },
	export: { values: ['what', 'db', 'source', 'from', 'to'], switches: ['json'], help: EXPORT_HELP, run: exportCommand }
};

/** Longest line written to stderr, in characters. */
export const MAX_ERROR_LENGTH = 300;

/** One safe line for stderr: control characters escaped (nothing from the input drives the terminal), cut to 300. */
export function errorLine(text: string): string {
	const line = escapeControls(text);
	return line.length > MAX_ERROR_LENGTH ? `${line.slice(0, MAX_ERROR_LENGTH - 1)}…` : line;
}

export interface Output {
	out: (text: string) => void;
	err: (text: string) => void;
}

/** Validates the flags with the app's parameter checks, reads the input, checks the work limits and runs `analyzeMarket()`. */
function runAnalysis(flags: Flags): Analysis {
	const view = viewFromFlags(flags);
	const input = flags.get('input');
	const candles = readCandles(input ?? EMBEDDED_SAMPLE, maxBytesOf(flags));
	try {
		checkWorkLimits(candles, view.analysis);
		return requireAnalysis(analyzeMarket([{ name: input ?? 'sample', candles, openInterest: [] }], view.analysis));
	} catch (error) {
		if (error instanceof ParamError) throw paramUsageError(error, input ?? 'embedded sample');
		if (error instanceof AnalysisError) throw new UsageError(`${input ?? 'embedded sample'}: ${error.message}`);
		throw error;
	}
}

/** Prints rows as aligned columns; `align` has one letter per column, l(eft) or r(ight). */
function printTable(rows: string[][], io: Output, align: string): void {
	const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
	for (const row of rows)
		io.out(row.map((cell, col) => (align[col] === 'r' ? cell.padStart(widths[col]) : cell.padEnd(widths[col]))).join('  ').trimEnd());
}

function summaryLine(analysis: Analysis): string {
	return (
		`${analysis.timeframe} · ${analysis.candles.length} candles to ${formatUtc(analysis.lastTime)} · last close ${formatPrice(analysis.lastClose, priceDecimals(analysis.lastClose) + 1)}` +
		` · ATR(14) ${analysis.atr === null ? 'n/a' : formatPrice(analysis.atr, priceDecimals(analysis.lastClose) + 1)} · model: ${analysis.modelKind}`
	);
}

function analyzeCommand(flags: Flags, io: Output, analysis: Analysis = runAnalysis(flags)): void {
	if (flags.has('json')) {
		io.out(JSON.stringify(analysisToJson(analysis), null, 2));
		return;
	}
	io.out(summaryLine(analysis));
	io.out(`RSI(14) ${analysis.indicators.rsi ?? 'n/a'} · ${contextLine(analysis)}`);
	io.out('');
	const rows = [['score', 'side', 'range (USDT)', 'distance', 'in ATR', 'why']];
	const byScore = [...analysis.clusters].sort((a, b) => b.score - a.score);
	for (const c of byScore) {
		rows.push([
			c.score.toFixed(1),
			c.side,
			`${formatPrice(c.low, priceDecimals(analysis.lastClose))}–${formatPrice(c.high, priceDecimals(analysis.lastClose))}`,
			formatPct(c.distancePct),
			formatAtr(c.distanceAtr),
			clusterWhy(c)
		]);
	}
	printTable(rows, io, 'rllrrl');
	const events = analysis.structure.events.slice(-3).map((e) => `${e.kind} ${e.direction} ${formatUtc(e.time)} through ${formatPrice(e.level, priceDecimals(analysis.lastClose) + 1)}`);
	io.out('');
	io.out(`structure (swing ${flags.get('swing') ?? 5}): trend ${analysis.structure.trend ?? 'none'}; last breaks: ${events.join('; ') || 'none'}`);
	const divergences = analysis.divergences.slice(-3).map((d) => `${d.kind} ${d.direction} ${formatUtc(d.confirmedTime)}`);
	io.out(`RSI divergences (latest): ${divergences.join('; ') || 'none'}`);
}

function heatmap(flags: Flags, io: Output, analysis: Analysis = runAnalysis(flags)): void {
	const clusters = analysis.clusters.map((c) => ({
		side: c.side,
		price: roundPrice(c.price),
		low: roundPrice(c.low),
		high: roundPrice(c.high),
		notional: round(c.notional, 0),
		intensity: round(c.intensity, 4),
		distancePct: round(c.distancePct, 4),
		distanceAtr: c.distanceAtr === null ? null : round(c.distanceAtr, 3)
	}));
	if (flags.has('json')) {
		const atr = analysis.atr === null ? null : roundPrice(analysis.atr);
		io.out(JSON.stringify({ timeframe: analysis.timeframe, lastClose: analysis.lastClose, atr, clusters }, null, 2));
		return;
	}
	io.out(summaryLine(analysis));
	const rows = [['side', 'range (USDT)', 'centre', 'notional', 'intensity', 'distance', 'in ATR']];
	for (const c of analysis.clusters)
		rows.push([
			c.side,
			`${formatPrice(c.low, priceDecimals(analysis.lastClose))}–${formatPrice(c.high, priceDecimals(analysis.lastClose))}`,
			formatPrice(c.price, priceDecimals(analysis.lastClose)),
			formatUsd(c.notional),
			`${Math.round(c.intensity * 100)} %`,
			formatPct(c.distancePct),
			formatAtr(c.distanceAtr)
		]);
	printTable(rows, io, 'llrrrrr');
	if (analysis.clusters.length === 0) io.out('no clusters above the threshold');
}

function liqPrice(flags: Flags, io: Output): void {
	const side = flags.get('side');
	if (side !== 'long' && side !== 'short') throw new UsageError(`--side ${JSON.stringify(side ?? '')}: expected long or short`);
	const entry = numberFlag(flags, 'entry', true)!;
	const leverage = numberFlag(flags, 'leverage', true)!;
	const notional = numberFlag(flags, 'notional', false);
	if (!(entry > 0)) throw new UsageError(`--entry ${entry}: must be a positive price`);
	if (!(leverage >= 1 && leverage <= 125)) throw new UsageError(`--leverage ${leverage}: expected 1 to 125`);
	if (notional !== undefined && !(notional > 0)) throw new UsageError(`--notional ${notional}: must be positive`);
	let result;
	try {
		result = liquidationPrice(side as Side, entry, leverage, notional);
	} catch (error) {
		throw new UsageError(`--notional ${notional}: ${(error as Error).message}`);
	}
	const { bracket } = result;
	if (flags.has('json')) {
		io.out(
			JSON.stringify(
				{ side, entry, leverage, maintenanceMarginRate: bracket.maintenanceMarginRate, liquidationPrice: roundPrice(result.liquidationPrice) },
				null,
				2
			)
		);
		return;
	}
	io.out(
		`${side} ${leverage}x from ${formatPrice(entry, 2)}: liquidation at ${formatPrice(result.liquidationPrice, 2)} ` +
			`(${formatPct((100 * (result.liquidationPrice - entry)) / entry)}); bracket up to ${formatUsd(bracket.notionalCap)} notional: ` +
			`maintenance margin ${(bracket.maintenanceMarginRate * 100).toFixed(2)} %, amount ${formatUsd(bracket.maintenanceAmount)}` +
			(notional === undefined ? ' (first bracket: no --notional given)' : '')
	);
}

function planCommand(flags: Flags, io: Output): void {
	const side = flags.get('side');
	if (side !== 'long' && side !== 'short') throw new UsageError(`--side ${JSON.stringify(side ?? '')}: expected long or short`);
	const margin = flags.get('margin') ?? 'isolated';
	if (margin !== 'isolated' && margin !== 'cross') throw new UsageError(`--margin ${JSON.stringify(margin)}: expected isolated or cross`);
	const positive = (name: string) => {
		const value = numberFlag(flags, name, true)!;
		if (!(value > 0)) throw new UsageError(`--${name} ${value}: must be positive`);
		return value;
	};
	const targetsRaw = flags.get('target');
	if (!targetsRaw) throw new UsageError('--target is required');
	const targets = targetsRaw.split(',').map((part) => {
		const value = Number(part);
		if (!(Number.isFinite(value) && value > 0)) throw new UsageError(`--target ${JSON.stringify(targetsRaw)}: "${part}" is not a positive price`);
		return value;
	});
	const plan: TradePlan = {
		side,
		entry: positive('entry'),
		stop: positive('stop'),
		targets,
		accountSize: positive('account'),
		riskPct: positive('risk'),
		leverage: positive('leverage'),
		marginMode: margin
	};
	if (plan.riskPct > 100) throw new UsageError(`--risk ${plan.riskPct}: a percentage of the account, at most 100`);
	if (plan.leverage < 1 || plan.leverage > 125) throw new UsageError(`--leverage ${plan.leverage}: expected 1 to 125`);
	const analysis = runAnalysis(flags);
	const evaluation = evaluatePlan(plan, planContext(analysis));
	const result = {
		size: round(evaluation.size, 6),
		notional: round(evaluation.notional, 2),
		riskReward: evaluation.riskReward.map((r) => round(r, 3)),
		liquidationPrice: roundPrice(evaluation.liquidationPrice),
		stopToLiquidationPct: round(evaluation.stopToLiquidationPct, 3),
		warnings: evaluation.warnings.map(planWarningJson)
	};
	if (flags.has('json')) {
		io.out(JSON.stringify(result, null, 2));
		return;
	}
	io.out(summaryLine(analysis));
	io.out(
		`${side} ${result.size} BTC (${formatUsd(result.notional)} notional, margin ${formatUsd(evaluation.margin)} ${margin}) · risk ${formatUsd(evaluation.riskAmount)}` +
			` · R/R ${result.riskReward.map((r) => r.toFixed(2)).join(' / ')} · own liquidation ${formatPrice(result.liquidationPrice, priceDecimals(plan.entry) + 1)}` +
			` (${result.stopToLiquidationPct.toFixed(2)} % beyond the stop)`
	);
	for (const warning of result.warnings) io.out(planWarningText(warning));
	if (result.warnings.length === 0) io.out('no warnings');
}

function round(value: number, decimals: number): number {
	const factor = 10 ** decimals;
	return Math.round(value * factor) / factor;
}

/**
 * `heatmap`/`analyze` with `--source <exchange id>|all`: live data through the server module (`sample`, the
 * default, reads the file path; null = not a live request). The answer is asynchronous: this returns 0 at once and
 * sets `process.exitCode` when done (0 ok, 2 bad input, 3 the exchange failed); provenance (fetch time, model,
 * open-interest span, agreement) goes to stderr so that `--json` output stays the same contract.
 */
function liveCommand(command: 'heatmap' | 'analyze', flags: Flags, io: Output): number | null {
	const source = flags.get('source');
	if (source === undefined) return null;
	flags.delete('source');
	if (source === 'sample') return null;
	const print = (analysis: Analysis) => (command === 'heatmap' ? heatmap(flags, io, analysis) : analyzeCommand(flags, io, analysis));
	if (!isLiveSource(source)) throw new UsageError(`--source ${JSON.stringify(source)}: expected one of ${SOURCE_IDS.join(', ')}`);
	if (flags.has('input')) throw new UsageError('--input and --source cannot be combined (--source reads an exchange)');
	const view = viewFromFlags(flags);
	void analyzeLiveForCli(source, view.analysis, io).then(
		(analysis) => {
			if (analysis) print(analysis);
			process.exitCode = analysis ? 0 : 3;
		},
		(error: unknown) => {
			io.err(errorLine(`liqmap: unexpected error: ${error instanceof Error ? error.message : String(error)}`));
			process.exitCode = 1;
		}
	);
	return 0;
}

/** Runs one command; returns the exit code (0 ok, 1 an unexpected failure, 2 bad input; live sources: see `liveCommand`). */
export function main(args: string[], output: Output): number {
	const [command, ...rest] = args;
	// Whatever reaches stderr (provenance lines of live data included) has its control characters escaped.
	const io: Output = { out: output.out, err: (text) => output.err(escapeControls(text)) };
	const err = (text: string) => output.err(errorLine(text));
	try {
		if (command === undefined) {
			io.out(USAGE);
			return 2;
		}
		if (command === '--help' || command === '-h' || command === 'help') {
			io.out(USAGE);
			return 0;
		}
		if (command === '--version' || command === '-v') {
			io.out(packageVersion());
			return 0;
		}
		const spec = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
		if (!spec) {
			const what = command.startsWith('-') ? `unknown option ${command}` : `unknown command ${JSON.stringify(command)}`;
			throw new UsageError(`${what} (commands: ${Object.keys(COMMANDS).join(', ')}; liqmap --help)`);
		}
		const flags = readOptions(rest, spec);
		if (flags.has('help')) {
			io.out(spec.help);
			return 0;
		}
		return spec.run(flags, io);
	} catch (error) {
		if (error instanceof UsageError) {
			err(`liqmap: ${error.message}`);
			return 2;
		}
		// Not the input's fault: still one line, no stack trace.
		err(`liqmap: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
		return 1;
	}
}
