/**
 * Command-line input: flags, files of candles, and the one-line refusal (`UsageError`, exit code 2) that every
 * `liqmap` command uses for bad input.
 */
import { DEFAULT_MAX_INPUT_BYTES } from '../core/market/candle-validation.ts';
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeCandlePack, type CandlePack } from '../core/market/candle-pack.ts';
import { parseCandlesCsv } from '../core/market/candle-parse.ts';
import { aliasedLookup, longParamName, ParamError, parseViewParams, type ViewParams } from '../core/analysis/params.ts';
import type { Candle } from '../core/types.ts';
import { SOURCE_IDS } from '../server/exchanges.ts';

/** The package's folder: the first one up from this module holding package.json (`src/lib/cli/` in a checkout, `dist-cli/` once built). */
export const PACKAGE_ROOT: URL = (() => {
	let dir = new URL('.', import.meta.url);
	for (let depth = 0; depth < 6 && !existsSync(new URL('package.json', dir)); depth++) dir = new URL('..', dir);
	return dir;
})();

export const EMBEDDED_SAMPLE = new URL('static/data/bybit-btcusdt-perp-5m.json', PACKAGE_ROOT);

/** The package's version, for `liqmap --version`. */
export function packageVersion(): string {
	return (JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as { version: string }).version;
}

/** Largest input read, in bytes, unless `--max-bytes` or `LIQMAP_MAX_BYTES` says otherwise: 512 MiB. */
export const DEFAULT_MAX_BYTES = DEFAULT_MAX_INPUT_BYTES;

/** A refusal to print as one line, exit code 2. */
export class UsageError extends Error {
	name = 'UsageError';
}

/** The input size limit: `--max-bytes`, else `LIQMAP_MAX_BYTES`, else 512 MiB; a whole number of bytes from 1. */
export function maxBytesOf(flags: Map<string, string>, env: Record<string, string | undefined> = process.env): number {
	const [raw, where] = flags.has('max-bytes') ? [flags.get('max-bytes')!, '--max-bytes'] : [env.LIQMAP_MAX_BYTES, 'LIQMAP_MAX_BYTES'];
	if (raw === undefined || raw === '') return DEFAULT_MAX_BYTES;
	const value = Number(raw);
	if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < 1)
		throw new UsageError(`${where} ${JSON.stringify(raw)}: expected a whole number of bytes from 1`);
	return value;
}

/** Reads at most `maxBytes` of a file (or a device such as /dev/zero, which never ends) as UTF-8 text. */
function readBounded(path: string | URL, label: string, maxBytes: number): string {
	const tooLarge = () =>
		new UsageError(`${label}: larger than the input limit of ${maxBytes.toLocaleString('en-US')} bytes (--max-bytes or LIQMAP_MAX_BYTES to change it)`);
	let fd: number;
	try {
		fd = openSync(path, 'r');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new UsageError(`${label}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`}`);
	}
	try {
		const stat = fstatSync(fd);
		if (stat.isFile() && stat.size > maxBytes) throw tooLarge();
		const chunks: Buffer[] = [];
		const buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, 1 << 20));
		let total = 0;
		for (let read; (read = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) {
			total += read;
			if (total > maxBytes) throw tooLarge();
			chunks.push(Buffer.from(buffer.subarray(0, read)));
		}
		return Buffer.concat(chunks, total).toString('utf8');
	} catch (error) {
		if (error instanceof UsageError) throw error;
		const code = (error as NodeJS.ErrnoException).code;
		throw new UsageError(`${label}: cannot be read (${code ?? (error as Error).message})`);
	} finally {
		closeSync(fd);
	}
}

/** Reads candles from a CSV or a candle pack, validated against `now` (ms UTC); errors name the file. */
export function readCandles(path: string | URL, maxBytes = DEFAULT_MAX_BYTES, now = Date.now()): Candle[] {
	const label = path instanceof URL ? fileURLToPath(path) : path;
	const text = readBounded(path, label, maxBytes);
	try {
		if (text.trimStart().startsWith('{')) return decodeCandlePack(JSON.parse(text) as CandlePack, { now });
		return parseCandlesCsv(text, { now }).candles;
	} catch (error) {
		if (error instanceof Error) throw new UsageError(`${label}: ${error.message}`);
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

/** A refused parameter as a CLI message: the flag as typed and the reason (the value may itself contain ": "). */
export function paramUsageError(error: ParamError, input: string): UsageError {
	if (error.param === 'candles') return new UsageError(`${input}: ${error.reason}`);
	return new UsageError(`--${longParamName(error.param)} ${JSON.stringify(error.value)}: ${error.reason}`);
}

/** The view parameters named by long flags (`--timeframe`, `--lookback`, …), validated by the app's own checks. */
export function viewFromFlags(flags: Map<string, string>): ViewParams {
	try {
		return parseViewParams(aliasedLookup((name) => flags.get(name)), 'sample', SOURCE_IDS);
	} catch (error) {
		if (error instanceof ParamError) throw paramUsageError(error, flags.get('input') ?? 'embedded sample');
		throw error;
	}
}
