/**
 * The long-running commands of the command line:
 *
 *   liqmap demo-market [--port P] [--speed BARS_PER_S]
 *     Starts the demo market (`src/lib/server/demo-market/`): loopback servers speaking each demo exchange's
 *     (`DEMO_EXCHANGE_IDS`) REST and websocket formats, replaying the embedded sample forward with its own simulated
 *     traders' prints, open interest and funding. Prints the environment lines that point liqmap at it (stdout), then
 *     runs until Ctrl-C.
 *   liqmap watch --source <exchange id>|all [--timeframe 5m] [--json]   (ids from the registry: `server/exchanges.ts`)
 *     Prints liquidation prints, closed candles, open interest and funding as they arrive (one NDJSON object per line
 *     with --json: `{"type":"liquidation","data":{…}}`), stream status changes on stderr, until Ctrl-C (exit code 0).
 *
 * Both return 0 at once and keep the process alive with their servers and sockets; SIGINT/SIGTERM close them.
 */
import { TIMEFRAMES } from '../core/analysis/params.ts';
import type { Timeframe } from '../core/types.ts';
import { formatPrice, formatUsd } from '../format.ts';
import { ConfigError } from '../server/config.ts';
import { DEMO_EXCHANGE_IDS, DemoServers } from '../server/demo-market/demo-servers.ts';
import { EXCHANGE_IDS, type ExchangeId } from '../server/exchange-client.ts';
import { exchangeName } from '../server/exchanges.ts';
import { liveSources } from '../server/live-sources.ts';
import { readStreamConfig } from '../server/streams/stream-config.ts';
import { StreamHub } from '../server/streams/stream-hub.ts';
import type { StreamEvent } from '../server/streams/types.ts';
import type { Flags } from './args.ts';
import { EMBEDDED_SAMPLE, readCandles, UsageError } from './input.ts';

interface Output {
	out: (text: string) => void;
	err: (text: string) => void;
}

/** How often the demo market's time follows the wall clock (ms). */
const DEMO_TICK_MS = 250;

/** The sources `watch` takes: each exchange of the registry (`server/exchanges.ts`), or all of them. */
export const WATCH_SOURCES: readonly string[] = [...EXCHANGE_IDS, 'all'];
/** The demo's exchanges by name ("Binance, Bybit, OKX") and their ports ("P, P+1, P+2"). */
const DEMO_NAMES = DEMO_EXCHANGE_IDS.map(exchangeName).join(', ');
const DEMO_PORTS = DEMO_EXCHANGE_IDS.map((_, i) => (i ? `P+${i}` : 'P')).join(', ');

export const DEMO_MARKET_HELP = `usage: liqmap demo-market [--port P] [--speed BARS_PER_S]
Starts loopback exchanges (${DEMO_NAMES}: REST and websocket on ports ${DEMO_PORTS}; default: free ports) that
replay the embedded sample forward at BARS_PER_S sample bars per second (default 1; 1/300 = real time), with
liquidation prints, open interest and funding from the demo's own simulated traders. Prints the environment lines
to start liqmap with (e.g. \`liqmap demo-market --port 4800 > demo.env &\` then \`env $(cat demo.env) npm start\`);
runs until Ctrl-C.`;

export const WATCH_HELP = `usage: liqmap watch --source ${WATCH_SOURCES.join('|')} [--timeframe ${TIMEFRAMES.join('|')}] [--json]
Prints liquidation prints, closed candles, open interest and funding as they arrive, until Ctrl-C.
--json: one JSON object per line ({"type":"liquidation"|"candle"|"openInterest"|"funding"|"status","data":{…}}).
Stream status (connected, reconnecting with the reason, outages, dropped messages) goes to stderr (with --json, to
stdout as "status" objects).`;

function untilStopped(close: () => Promise<void>): void {
	const stop = () => void close().finally(() => process.exit(0));
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

function positiveNumber(flags: Flags, name: string, fallback: number, min: number, max: number, whole = false): number {
	const raw = flags.get(name);
	if (raw === undefined) return fallback;
	const value = Number(raw);
	if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max || (whole && !Number.isInteger(value)))
		throw new UsageError(`--${name} ${JSON.stringify(raw)}: expected ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}`);
	return value;
}

export function demoMarketCommand(flags: Flags, io: Output): number {
	const port = positiveNumber(flags, 'port', 0, 1024, 65533, true);
	const speed = positiveNumber(flags, 'speed', 1, 0.001, 50);
	const bars = readCandles(EMBEDDED_SAMPLE);
	void DemoServers.start({ bars, start: Date.now(), speed, port }).then(
		(demo) => {
			for (const line of demo.envLines()) io.out(line);
			io.err(`demo market: replaying the embedded sample at ${speed} bar(s)/s from ${new Date(demo.time).toISOString()}; Ctrl-C stops it`);
			const timer = setInterval(() => demo.advanceTo(Date.now()), DEMO_TICK_MS);
			untilStopped(async () => {
				clearInterval(timer);
				await demo.close();
			});
		},
		(error: unknown) => {
			io.err(`liqmap: the demo market could not start: ${error instanceof Error ? error.message : String(error)}`);
			process.exitCode = 1;
		}
	);
	return 0;
}

const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

/** One event as a line of text; null for events not printed (forming candles). */
export function eventLine(event: StreamEvent): string | null {
	if (event.type === 'liquidation') {
		const p = event.data;
		return `${time(p.time)} ${exchangeName(p.exchange).padEnd(7)} liquidation ${p.side.padEnd(5)} ${p.amount.toFixed(3)} BTC @ ${formatPrice(p.price)} = ${formatUsd(p.notional)}`;
	}
	if (event.type === 'candle') {
		const { candle: c, exchange, timeframe, closed, filled } = event.data;
		if (!closed) return null;
		return `${time(c.time)} ${exchangeName(exchange).padEnd(7)} candle ${timeframe} O ${formatPrice(c.open)} H ${formatPrice(c.high)} L ${formatPrice(c.low)} C ${formatPrice(c.close)} V ${c.volume.toFixed(3)} BTC${filled ? ' (filled over REST)' : ''}`;
	}
	if (event.type === 'openInterest') {
		const o = event.data;
		return `${time(o.time)} ${exchangeName(o.exchange).padEnd(7)} open interest ${formatUsd(o.value)}${o.filled ? ' (filled over REST)' : ''}`;
	}
	if (event.type === 'funding') {
		const f = event.data;
		const next = f.nextFundingTime === null ? '' : `, next ${time(f.nextFundingTime)} UTC`;
		return `${time(f.time)} ${exchangeName(f.exchange).padEnd(7)} funding ${(f.rate * 100).toFixed(4)} % per 8 h (${(f.rate * 3 * 365 * 100).toFixed(1)} % a year)${next}`;
	}
	const s = event.data;
	const dropped = s.dropped.malformed + s.dropped.duplicate + s.dropped.outOfOrder;
	const outage = s.outages.at(-1);
	return `${s.name}: ${s.state}${s.reason ? ` (${s.reason})` : ''}${outage ? ` · last outage ${time(outage.from)}–${outage.to === null ? 'now' : time(outage.to)}` : ''}${dropped ? ` · dropped ${s.dropped.malformed} malformed, ${s.dropped.duplicate} duplicate, ${s.dropped.outOfOrder} out of order` : ''}`;
}

export function watchCommand(flags: Flags, io: Output): number {
	const source = flags.get('source');
	if (source === undefined) throw new UsageError(`watch needs --source ${WATCH_SOURCES.join('|')}`);
	const ids: ExchangeId[] | null = source === 'all' ? [...EXCHANGE_IDS] : (EXCHANGE_IDS as readonly string[]).includes(source) ? [source as ExchangeId] : null;
	if (!ids) throw new UsageError(`--source ${JSON.stringify(source)}: expected one of ${WATCH_SOURCES.join(', ')} (the sample has no stream)`);
	const timeframe = (flags.get('timeframe') ?? '5m') as Timeframe;
	if (!TIMEFRAMES.includes(timeframe)) throw new UsageError(`--timeframe ${JSON.stringify(timeframe)}: expected one of ${TIMEFRAMES.join(', ')}`);
	const json = flags.has('json');
	let config;
	try {
		config = readStreamConfig();
	} catch (error) {
		if (error instanceof ConfigError) throw new UsageError(error.message);
		throw error;
	}
	const hub = new StreamHub({ live: liveSources(), config });
	let lastStatus = new Map<ExchangeId, string>();
	hub.subscribe(ids, timeframe, (event) => {
		if (event.type === 'status') {
			const line = eventLine(event) ?? '';
			if (lastStatus.get(event.data.exchange) === line) return;
			lastStatus = new Map(lastStatus).set(event.data.exchange, line);
			if (json) io.out(JSON.stringify(event));
			else io.err(line);
			return;
		}
		if (event.type === 'candle' && !event.data.closed) return;
		io.out(json ? JSON.stringify(event) : (eventLine(event) ?? ''));
	});
	untilStopped(() => hub.close());
	return 0;
}
