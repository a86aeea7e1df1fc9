/**
 * Upstream failures in plain words. Every error that leaves an exchange adapter is an `UpstreamError`: a stable
 * `code` for programs, a one-line `message` for people that names the exchange ("Bybit did not answer within 10 s",
 * "Binance refused: rate limit, retrying in 30 s", "OKX sent an unreadable answer (HTML error page)"), the HTTP status
 * the API answers with (504 for a timeout, 502 otherwise) and, after a rate limit, when to try again.
 *
 * ccxt errors are recognised by their class names (`RequestTimeout`, `RateLimitExceeded`, …, walking the prototype
 * chain), so this file does not import ccxt. Raw ccxt messages (URLs, bodies) never reach the user.
 */

export type UpstreamErrorCode =
	| 'upstream-timeout'
	| 'upstream-rate-limit'
	| 'upstream-unavailable'
	| 'upstream-unreachable'
	| 'upstream-bad-answer'
	| 'upstream-no-data'
	| 'upstream-invalid-data'
	| 'upstream-refused';

export class UpstreamError extends Error {
	name = 'UpstreamError';

	constructor(
		readonly code: UpstreamErrorCode,
		/** Display name of the exchange ("Bybit"). */
		readonly exchange: string,
		message: string,
		/** After a rate limit: milliseconds until the exchange may be asked again. */
		readonly retryAfterMs: number | null = null
	) {
		super(message);
	}

	/** 504 when the exchange timed out, 502 for every other upstream failure. */
	get httpStatus(): 502 | 504 {
		return this.code === 'upstream-timeout' ? 504 : 502;
	}
}

/** Whole seconds for messages: 0.5 s, 10 s, 30 s. */
export function formatSeconds(ms: number): string {
	const seconds = ms / 1000;
	return `${seconds < 1 ? seconds.toFixed(1) : Math.ceil(seconds)} s`;
}

/** The exchange did not answer by the deadline; a wait of a second or more before the request went out is said. */
export const timeoutError = (exchange: string, timeoutMs: number, waitedMs = 0) =>
	new UpstreamError(
		'upstream-timeout',
		exchange,
		`${exchange} did not answer within ${formatSeconds(timeoutMs)}${waitedMs >= 1000 ? ` (${formatSeconds(waitedMs)} of it before the request could be sent)` : ''}`
	);

/** Every exchange request slot of this server stayed busy until the deadline: the exchange was never asked. */
export const slotTimeoutError = (exchange: string, timeoutMs: number, slots: number) =>
	new UpstreamError(
		'upstream-timeout',
		exchange,
		`${exchange} was not asked within ${formatSeconds(timeoutMs)}: all ${slots} exchange request slots of this server stayed busy`
	);

/** The exchange's rate budget has no room before the deadline: refused at once, with when to try again. */
export const budgetError = (exchange: string, limit: { units: number; windowMs: number }, timeoutMs: number, waitMs: number) =>
	new UpstreamError(
		'upstream-timeout',
		exchange,
		`${exchange} was not asked: this server's request budget for ${exchange} (${limit.units} per ${formatSeconds(limit.windowMs)}, the exchange's published limit) has no room within ${formatSeconds(timeoutMs)}, only in ${formatSeconds(waitMs)}`,
		waitMs
	);

export const rateLimitError = (exchange: string, retryAfterMs: number) =>
	new UpstreamError(
		'upstream-rate-limit',
		exchange,
		`${exchange} refused: rate limit, retrying in ${formatSeconds(retryAfterMs)}`,
		retryAfterMs
	);

export const unavailableError = (exchange: string, status: number) =>
	new UpstreamError('upstream-unavailable', exchange, `${exchange} is unavailable (HTTP ${status})`);

/** 451 (unavailable for legal reasons) or 403: the exchange serves no one from this server's region or address. */
export const accessRefusedError = (exchange: string, status: 451 | 403) =>
	new UpstreamError(
		'upstream-refused',
		exchange,
		status === 451
			? `${exchange} refuses requests from this server's location (HTTP 451)`
			: `${exchange} refused access (HTTP 403: often a blocked region or IP address)`
	);

export const badAnswerError = (exchange: string, what: string) =>
	new UpstreamError('upstream-bad-answer', exchange, `${exchange} sent an unreadable answer (${what})`);

/** Class names of an error and its ancestors, e.g. RequestTimeout, NetworkError, OperationFailed, BaseError, Error. */
function classNames(error: object): string[] {
	const names: string[] = [];
	for (let proto = Object.getPrototypeOf(error); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto))
		names.push(proto.constructor.name);
	return names;
}

/** Maps anything thrown while talking to an exchange to an `UpstreamError` naming it. */
export function toUpstreamError(error: unknown, exchange: string, timeoutMs: number, defaultRetryMs = 30_000): UpstreamError {
	if (error instanceof UpstreamError) return error;
	const names = error && typeof error === 'object' ? classNames(error) : [];
	const has = (name: string) => names.includes(name);
	if (has('RequestTimeout')) return timeoutError(exchange, timeoutMs);
	if (has('RateLimitExceeded') || has('DDoSProtection')) return rateLimitError(exchange, defaultRetryMs);
	if (has('ExchangeNotAvailable') || has('OnMaintenance'))
		return new UpstreamError('upstream-unavailable', exchange, `${exchange} is unavailable (maintenance or overload)`);
	if (has('BadResponse')) return badAnswerError(exchange, 'a response ccxt could not parse');
	if (has('NetworkError'))
		return new UpstreamError('upstream-unreachable', exchange, `${exchange} could not be reached (network error)`);
	if (has('BadSymbol')) return new UpstreamError('upstream-refused', exchange, `${exchange} does not list BTC/USDT:USDT`);
	if (has('ExchangeError'))
		return new UpstreamError('upstream-refused', exchange, `${exchange} refused the request (${names[0] ?? 'error'})`);
	// A TypeError inside ccxt means the answer did not have the shape ccxt expects.
	if (error instanceof TypeError) return badAnswerError(exchange, 'unexpected shape');
	return new UpstreamError('upstream-refused', exchange, `${exchange} request failed (${names[0] ?? typeof error})`);
}
