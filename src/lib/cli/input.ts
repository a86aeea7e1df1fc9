/**
 * Command-line input: flags, files of candles, and the one-line refusal (`UsageError`, exit code 2) that every
 * `liqmap` command uses for bad input.
 */
import { readFileSync } from 'node:fs';
import { decodeCandlePack, type CandlePack } from '../core/market/candle-pack.ts';
import { CandleDataError, parseCandlesCsv } from '../core/market/candle-parse.ts';
import { aliasedLookup, longParamName, ParamError, parseViewParams, type ViewParams } from '../core/analysis/params.ts';
import type { Candle } from '../core/types.ts';

export const EMBEDDED_SAMPLE = new URL('../../../static/data/bybit-btcusdt-perp-5m.json', import.meta.url);

/** A refusal to print as one line, exit code 2. */
export class UsageError extends Error {
	name = 'UsageError';
}

export function parseFlags(args: string[], booleans: string[]): Map<string, string> {
	const flags = new Map<string, string>();
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
		const [name, inline] = arg.slice(2).split('=', 2);
		if (booleans.includes(name)) flags.set(name, 'true');
		else {
			const value = inline ?? args[++i];
			if (value === undefined) throw new UsageError(`--${name} needs a value`);
			flags.set(name, value);
		}
	}
	return flags;
}

export function rejectUnknown(flags: Map<string, string>, known: string[]): void {
	for (const name of flags.keys()) if (!known.includes(name)) throw new UsageError(`unknown option --${name}`);
}

/** Reads candles from a CSV or a candle pack; errors name the file. */
export function readCandles(path: string | URL): Candle[] {
	const label = String(path instanceof URL ? path.pathname : path);
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new UsageError(`${label}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`}`);
	}
	try {
		if (text.trimStart().startsWith('{')) return decodeCandlePack(JSON.parse(text) as CandlePack);
		return parseCandlesCsv(text).candles;
	} catch (error) {
		if (error instanceof CandleDataError || error instanceof SyntaxError || error instanceof Error)
			throw new UsageError(`${label}: ${error.message}`);
		throw error;
	}
}

export function numberFlag(flags: Map<string, string>, name: string, required: boolean): number | undefined {
	const raw = flags.get(name);
	if (raw === undefined) {
		if (required) throw new UsageError(`--${name} is required`);
		return undefined;
	}
	const value = Number(raw);
	if (!Number.isFinite(value)) throw new UsageError(`--${name} ${JSON.stringify(raw)}: not a number`);
	return value;
}

/** The view parameters named by long flags (`--timeframe`, `--lookback`, …), validated by the app's own checks. */
export function viewFromFlags(flags: Map<string, string>): ViewParams {
	try {
		return parseViewParams(aliasedLookup((name) => flags.get(name)));
	} catch (error) {
		if (error instanceof ParamError)
			throw new UsageError(`--${longParamName(error.param)} ${JSON.stringify(error.value)}: ${error.message.split(': ').slice(1).join(': ')}`);
		throw error;
	}
}
