/**
 * A loopback HTTP server (127.0.0.1 only, port chosen by the OS unless given) that plays one exchange's REST API
 * and, when given a `SocketProtocol`, its websocket API on the same port, for ccxt.
 * Routes produce the exchange's real wire format (see `binance-wire.ts`, `bybit-wire.ts`, `okx-wire.ts`); faults are
 * injected per path substring and for a number of requests: timeout (the answer never comes), HTTP 503, an HTML
 * page instead of JSON, 451 restricted location, 403 from a CDN, 429 with Retry-After, malformed JSON, and data faults
 * applied to candle rows (an empty page, duplicated rows, rows out of order). Every request is logged so tests can count upstream calls.
 * Websocket faults: `refuseWebsockets` answers every upgrade with HTTP 403 (an exchange or proxy refusing
 * websockets), `dropConnections()` cuts every open socket, `muted` keeps sockets open but sends no data (a stall).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

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

/** A route: query → JSON body (object), or undefined for 404. */
export type WireRoute = (query: URLSearchParams, shape: RowShaper) => unknown;

/** One websocket client of the server: the path it connected to and the topics it subscribed. */
export interface DemoSocket {
	readonly path: string;
	readonly topics: Set<string>;
	/** Sends a JSON message (objects are serialised, strings sent as they are). */
	send(message: unknown): void;
}

/** An exchange's websocket protocol: answers subscriptions and pings (`DemoSocket.topics` records what was asked). */
export interface SocketProtocol {
	message(socket: DemoSocket, text: string): void;
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
	/** Websocket faults (see the header). */
	refuseWebsockets = false;
	muted = false;
	/** Websocket connections accepted since the start. */
	socketsOpened = 0;
	readonly #sockets = new Map<WebSocket, DemoSocket>();
	#server: Server;
	#routes: Record<string, WireRoute>;
	#protocol: SocketProtocol | null;
	#wss: WebSocketServer | null = null;

	private constructor(routes: Record<string, WireRoute>, protocol: SocketProtocol | null) {
		this.#routes = routes;
		this.#protocol = protocol;
		this.#server = createServer((request, response) => this.#handle(request, response));
		if (protocol) {
			this.#wss = new WebSocketServer({ noServer: true });
			this.#server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.#upgrade(request, socket, head));
		}
	}

	static async start(routes: Record<string, WireRoute>, protocol: SocketProtocol | null = null, port = 0): Promise<LoopbackExchange> {
		const exchange = new LoopbackExchange(routes, protocol);
		await new Promise<void>((resolve, reject) => {
			exchange.#server.once('error', reject);
			exchange.#server.listen(port, '127.0.0.1', resolve);
		});
		return exchange;
	}

	get origin(): string {
		return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
	}

	get wsOrigin(): string {
		return this.origin.replace(/^http/, 'ws');
	}

	/** Open websocket clients. */
	get sockets(): DemoSocket[] {
		return [...this.#sockets.values()];
	}

	/** Sends `message` to every client subscribed to `topic` (nothing while muted). */
	publish(topic: string, message: unknown): void {
		if (this.muted) return;
		for (const socket of this.#sockets.values()) if (socket.topics.has(topic)) socket.send(message);
	}

	/** Cuts every websocket connection (clients see the socket close, as when a network path drops). */
	dropConnections(): void {
		for (const ws of this.#sockets.keys()) ws.terminate();
		this.#sockets.clear();
	}

	#upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
		if (this.refuseWebsockets || !this.#wss || !this.#protocol) {
			socket.end('HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\ncontent-length: 28\r\n\r\nwebsockets refused by server');
			return;
		}
		const protocol = this.#protocol;
		const path = new URL(request.url ?? '/', this.origin).pathname;
		this.#wss.handleUpgrade(request, socket, head, (ws) => {
			this.socketsOpened++;
			const demoSocket: DemoSocket = {
				path,
				topics: new Set(),
				send: (message) => {
					if (ws.readyState === 1) ws.send(typeof message === 'string' ? message : JSON.stringify(message));
				}
			};
			this.#sockets.set(ws, demoSocket);
			ws.on('message', (data) => protocol.message(demoSocket, data.toString()));
			ws.on('close', () => this.#sockets.delete(ws));
			ws.on('error', () => this.#sockets.delete(ws));
		});
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
		this.dropConnections();
		this.#wss?.close();
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
		const body = JSON.stringify(route(url.searchParams, shaperFor(rule?.fault ?? null)));
		if (rule?.fault === 'malformed-json') return send(200, body.slice(0, Math.max(10, body.length >> 1)));
		send(200, body);
	}
}
