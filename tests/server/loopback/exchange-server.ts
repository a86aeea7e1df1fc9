/**
 * A loopback HTTP server (127.0.0.1 only, port chosen by the OS) that plays one exchange's REST API for ccxt.
 * Routes produce the exchange's real wire format (see `binance-wire.ts`, `bybit-wire.ts`, `okx-wire.ts`); faults are
 * injected per path substring and for a number of requests: timeout (the answer never comes), HTTP 503, an HTML
 * page instead of JSON, 451 restricted location, 403 from a CDN, 429 with Retry-After, malformed JSON, and data faults
 * applied to candle rows (an empty page, duplicated rows, rows out of order). Every request is logged so tests can count upstream calls.
 * The market's time is the exchange's injected `clock` (the wall clock by default), never read anywhere else.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
	| 'timeout'
	| 'http-503'
	| 'html'
	| 'restricted-location'
	| 'forbidden'
	| 'rate-limit'
	| 'malformed-json'
	| 'empty'
	| 'duplicates'
	| 'out-of-order';

export interface FaultRule {
	fault: Fault;
	/** Applies to requests whose path contains this text (all requests when absent). */
	path?: string;
	/** How many matching requests get the fault (default: all). */
	times?: number;
	/** Retry-After seconds for `rate-limit`. */
	retryAfterSec?: number;
}

/** Applies the active data fault to a list of rows (candles): emptied, duplicated or shuffled. */
export type RowShaper = <T>(rows: T[]) => T[];

/** A route: query, data fault and the market's "now" (ms UTC, from the exchange's clock) → JSON body. */
export type WireRoute = (query: URLSearchParams, shape: RowShaper, now: number) => unknown;

/** The loopback market's clock: ms UTC. */
export type MarketClock = () => number;

/**
 * A clock that starts at `start` (ms UTC) and runs at the wall clock's pace from the moment it is made: the market's
 * time of day (so its price path) is fixed by the test, while polls still see candles close.
 */
export function clockFrom(start: number, wall: MarketClock = Date.now): MarketClock {
	const offset = start - wall();
	return () => wall() + offset;
}

const HTML_PAGE = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad gateway</h1><p>cloudflare</p></body></html>';
const RESTRICTED_LOCATION_BODY = JSON.stringify({
	code: 0,
	msg: "Service unavailable from a restricted location according to 'b. Eligibility' in https://www.binance.com/en/terms. Please contact customer service if you believe you received this message in error."
});
const FORBIDDEN_PAGE =
	'<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd"><HTML><HEAD><TITLE>ERROR: The request could not be satisfied</TITLE></HEAD><BODY><H1>403 ERROR</H1><H2>The request could not be satisfied.</H2></BODY></HTML>';

function shaperFor(fault: Fault | null): RowShaper {
	return <T>(rows: T[]): T[] => {
		if (fault === 'empty') return [];
		if (fault === 'duplicates') return rows.flatMap((row, i) => (i % 3 === 0 ? [row, row] : [row]));
		if (fault === 'out-of-order') return [...rows.filter((_, i) => i % 2 === 1), ...rows.filter((_, i) => i % 2 === 0).reverse()];
		return rows;
	};
}

export class LoopbackExchange {
	readonly requests: string[] = [];
	faults: FaultRule[] = [];
	/** Requests being answered now, and the most seen at once since the last reset. */
	inFlight = 0;
	maxInFlight = 0;
	/** Delay before answering (ms), to make concurrent requests overlap. */
	delayMs = 0;
	/** The market's "now": the wall clock unless a test fixes it (`clockFrom`, or `() => fixedTime`). */
	clock: MarketClock = Date.now;
	#server: Server;
	#routes: Record<string, WireRoute>;

	private constructor(routes: Record<string, WireRoute>) {
		this.#routes = routes;
		this.#server = createServer((request, response) => this.#handle(request, response));
	}

	static async start(routes: Record<string, WireRoute>): Promise<LoopbackExchange> {
		const exchange = new LoopbackExchange(routes);
		await new Promise<void>((resolve) => exchange.#server.listen(0, '127.0.0.1', resolve));
		return exchange;
	}

	get origin(): string {
		return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
	}

	/** Requests whose path contains `text`. */
	count(text = ''): number {
		return this.requests.filter((path) => path.includes(text)).length;
	}

	reset(): void {
		this.requests.length = 0;
		this.faults = [];
		this.maxInFlight = 0;
		this.delayMs = 0;
	}

	async close(): Promise<void> {
		this.#server.closeAllConnections();
		await new Promise<void>((resolve) => this.#server.close(() => resolve()));
	}

	#takeFault(path: string): FaultRule | null {
		const rule = this.faults.find((f) => (f.path === undefined || path.includes(f.path)) && (f.times === undefined || f.times > 0));
		if (rule && rule.times !== undefined) rule.times--;
		return rule ?? null;
	}

	#handle(request: IncomingMessage, response: ServerResponse): void {
		const url = new URL(request.url ?? '/', this.origin);
		this.requests.push(url.pathname + url.search);
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		response.on('close', () => this.inFlight--);
		const rule = this.#takeFault(url.pathname);
		const send = (status: number, body: string, headers: Record<string, string> = {}) => {
			setTimeout(() => {
				response.writeHead(status, { 'content-type': 'application/json', ...headers });
				response.end(body);
			}, this.delayMs);
		};
		if (rule?.fault === 'timeout') return; // never answer: the client's timeout must fire
		if (rule?.fault === 'http-503') return send(503, 'Service Temporarily Unavailable', { 'content-type': 'text/plain' });
		// An HTML page where JSON belongs, with 200 (captive portals and CDN challenge pages answer so).
		if (rule?.fault === 'html') return send(200, HTML_PAGE, { 'content-type': 'text/html' });
		// Binance's answer to a server in a restricted region: 451 and this JSON body.
		if (rule?.fault === 'restricted-location') return send(451, RESTRICTED_LOCATION_BODY);
		// A CDN refusing the address: 403 with an HTML page (CloudFront's, which fronts Bybit's API).
		if (rule?.fault === 'forbidden') return send(403, FORBIDDEN_PAGE, { 'content-type': 'text/html' });
		if (rule?.fault === 'rate-limit')
			return send(429, JSON.stringify({ code: -1003, msg: 'Too many requests' }), { 'retry-after': String(rule.retryAfterSec ?? 30) });
		const route = Object.entries(this.#routes).find(([path]) => url.pathname === path)?.[1];
		if (!route) return send(404, JSON.stringify({ code: 404, msg: `no route ${url.pathname}` }));
		const body = JSON.stringify(route(url.searchParams, shaperFor(rule?.fault ?? null), this.clock()));
		if (rule?.fault === 'malformed-json') return send(200, body.slice(0, Math.max(10, body.length >> 1)));
		send(200, body);
	}
}
