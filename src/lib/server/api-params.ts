/**
 * Query checks of the JSON API. Every parameter is on a whitelist per route (anything else, or a repeated one, is
 * refused), and values go through the app's one validator (`parseViewParams`, long names such as `timeframe`,
 * `lookback`), so the API accepts and refuses exactly what the URL of the page and the CLI do.
 * Refusals are `ApiError`s: HTTP status, a stable `code`, a message naming the parameter and quoting the value
 * safely (`quote.ts`: whatever it contains, one readable line of at most 300 characters).
 */
import { SOURCE_IDS } from './exchanges.ts';
import { aliasedLookup, longParamName, PARAM_ALIASES, ParamError, parseViewParams, type Source, type ViewParams } from '../core/analysis/params.ts';
import { oneLine, quoteValue } from './quote.ts';

export class ApiError extends Error {
	name = 'ApiError';

	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		/** Extra fields of the error object (`param`, `source`, `retryAfterSec`). */
		readonly details: Record<string, string | number> = {}
	) {
		super(message);
	}
}

/** Parameters of `/api/candles`. */
export const CANDLE_PARAMS = ['source', 'timeframe', 'limit'] as const;
/** Parameters of `/api/analysis`: every long name the app's validator knows (`PARAM_ALIASES`: source, timeframe,
 * lookback, context and the model settings), so the API never drifts from the page's URL and the CLI. */
export const ANALYSIS_PARAMS: readonly string[] = Object.keys(PARAM_ALIASES);

export const CANDLE_LIMIT = { min: 1, max: 5000, fallback: 500 };

/** Parameters of `/api/sources`: none. */
export const SOURCES_PARAMS: readonly string[] = [];

/** Refuses unknown and repeated parameters. */
export function checkQuery(query: URLSearchParams, allowed: readonly string[]): void {
	const seen = new Set<string>();
	for (const name of query.keys()) {
		if (!allowed.includes(name)) {
			const takes = allowed.length === 0 ? 'this route takes no parameters' : `allowed: ${allowed.join(', ')}`;
			throw new ApiError(400, 'unknown-parameter', oneLine(`unknown parameter ${quoteValue(name)} (${takes})`), { param: oneLine(name, 100) });
		}
		if (seen.has(name)) throw new ApiError(400, 'repeated-parameter', `parameter ${quoteValue(name)} is given more than once`, { param: name });
		seen.add(name);
	}
}

/** A `ParamError` of the app's validator as the API's 400, naming the parameter by its long name. */
export function apiParamError(error: ParamError): ApiError {
	const param = longParamName(error.param);
	return new ApiError(400, 'bad-parameter', oneLine(`${param}=${quoteValue(error.value)}: ${error.reason}`), { param });
}

/** Source, timeframe and analysis parameters, validated like the page's URL; `ParamError` becomes a 400. */
export function parseApiView(query: URLSearchParams, defaultSource: Source): ViewParams {
	try {
		return parseViewParams(aliasedLookup((name) => query.get(name)), defaultSource, SOURCE_IDS);
	} catch (error) {
		if (error instanceof ParamError) throw apiParamError(error);
		throw error;
	}
}

/** `limit`: a whole number of candles within `CANDLE_LIMIT`. */
export function parseLimit(query: URLSearchParams): number {
	const raw = query.get('limit');
	if (raw === null || raw === '') return CANDLE_LIMIT.fallback;
	const value = Number(raw);
	if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(value) || value < CANDLE_LIMIT.min || value > CANDLE_LIMIT.max)
		throw new ApiError(400, 'bad-parameter', `limit=${quoteValue(raw)}: expected a whole number from ${CANDLE_LIMIT.min} to ${CANDLE_LIMIT.max}`, {
			param: 'limit'
		});
	return value;
}
