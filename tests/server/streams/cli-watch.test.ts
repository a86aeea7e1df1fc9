/**
 * `liqmap watch` through the real launcher (`bin/liqmap.js`, the compiled CLI) against the demo market running in this
 * process: prints, closed candles, open interest and funding as NDJSON, status on stdout with --json; SIGINT ends it
 * with exit code 0. The demo's time is moved by the test; the test waits for lines, not for durations.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { START, startDemo, until, type DemoHarness } from './demo-harness.ts';

const BIN = new URL('../../../bin/liqmap.js', import.meta.url).pathname;
let harness: DemoHarness;
beforeAll(async () => {
	harness = await startDemo();
});
afterAll(() => harness.close());

function run(args: string[], env: Record<string, string>) {
	// The longest upstream timeout: the demo exchanges are on this machine, so a slow answer only means a loaded machine.
	const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, LIQMAP_UPSTREAM_TIMEOUT_MS: '60000', ...env } });
	const out: string[] = [];
	let buffer = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => {
		buffer += chunk.toString();
		const lines = buffer.split('\n');
		buffer = lines.pop() ?? '';
		out.push(...lines);
	});
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return { child, out, stderr: () => stderr, exit };
}

describe('liqmap watch', () => {
	it('--json prints prints, closed candles, open interest and funding as they arrive; SIGINT exits 0', async () => {
		const watch = run(['watch', '--source', 'bybit', '--json'], harness.env);
		const server = harness.demo.server('bybit');
		await until(() => server.sockets.flatMap((s) => [...s.topics]).length >= 3);
		const events = () => watch.out.map((line) => JSON.parse(line) as { type: string; data: Record<string, unknown> });
		for (let t = START + 15_000; t <= START + 300_000; t += 15_000) {
			const seen = watch.out.length;
			harness.demo.advanceTo(t);
			await until(() => watch.out.length > seen);
		}
		await until(() => events().some((e) => e.type === 'candle'));
		const sent = harness.demo.markets.bybit!.printsBetween(START, START + 300_000);
		await until(() => events().filter((e) => e.type === 'liquidation').length >= sent.length);
		const printed = events();
		expect(printed.filter((e) => e.type === 'liquidation').map((e) => [e.data.time, e.data.side, e.data.price])).toEqual(sent.map((p) => [p.time, p.side, p.price]));
		// Only closed candles are printed: the 00:00 candle, closed at 00:05.
		expect(printed.filter((e) => e.type === 'candle').map((e) => [(e.data.candle as { time: number }).time, e.data.closed])).toEqual([[START, true]]);
		expect(printed.some((e) => e.type === 'openInterest')).toBe(true);
		expect(printed.some((e) => e.type === 'funding')).toBe(true);
		expect(printed.find((e) => e.type === 'status' && e.data.state === 'connected')).toBeDefined();
		watch.child.kill('SIGINT');
		expect(await watch.exit).toBe(0);
		await until(() => server.sockets.length === 0);
	});

	it('prints readable lines without --json, status on stderr', async () => {
		const watch = run(['watch', '--source', 'okx'], harness.env);
		await until(() => watch.stderr().includes('OKX: connected'));
		const server = harness.demo.server('okx');
		await until(() => server.sockets.flatMap((s) => [...s.topics]).length >= 3);
		const from = harness.demo.time;
		for (let t = from + 15_000; !watch.out.some((line) => line.includes(' liquidation ')); t += 15_000) {
			const seen = watch.out.length;
			harness.demo.advanceTo(t);
			await until(() => watch.out.length > seen);
		}
		expect(watch.out.find((line) => line.includes(' liquidation '))).toMatch(/^2026-01-10 \d\d:\d\d:\d\d OKX {5}liquidation (long |short) \d+\.\d{3} BTC @ [\d,]+\.\d = \$[\d.]+k?M?$/);
		expect(watch.out.find((line) => line.includes(' funding '))).toMatch(/^2026-01-10 \d\d:\d\d:\d\d OKX {5}funding -?\d\.\d{4} % per 8 h \(-?\d+\.\d % a year\), next 2026-01-10 08:00:00 UTC$/);
		watch.child.kill('SIGINT');
		expect(await watch.exit).toBe(0);
	});

	it('refuses a missing or unknown source, or a remote websocket override, with exit code 2', async () => {
		const missing = run(['watch'], {});
		expect(await missing.exit).toBe(2);
		expect(missing.stderr().trim()).toBe('liqmap: watch needs --source binanceusdm|bybit|okx|all');
		const sample = run(['watch', '--source', 'sample'], {});
		expect(await sample.exit).toBe(2);
		expect(sample.stderr().trim()).toBe('liqmap: --source "sample": expected one of binanceusdm, bybit, okx, all (the sample has no stream)');
		const remote = run(['watch', '--source', 'okx'], { LIQMAP_EXCHANGE_WS_URL_OKX: 'wss://ws.okx.com:8443' });
		expect(await remote.exit).toBe(2);
		expect(remote.stderr().trim()).toBe('liqmap: LIQMAP_EXCHANGE_WS_URL_OKX="wss://ws.okx.com:8443": only a loopback ws origin (127.0.0.1) is allowed');
	});
});

describe('liqmap demo-market', () => {
	it('prints the environment lines of three loopback exchanges that answer; SIGINT exits 0', async () => {
		const demo = run(['demo-market', '--speed', '2'], {});
		await until(() => demo.out.length >= 6);
		const names = ['BINANCEUSDM', 'BYBIT', 'OKX'].flatMap((id) => [`LIQMAP_EXCHANGE_URL_${id}`, `LIQMAP_EXCHANGE_WS_URL_${id}`]);
		expect(demo.out.map((line) => line.split('=')[0])).toEqual(names);
		for (const line of demo.out) expect(line).toMatch(/^LIQMAP_EXCHANGE_(WS_)?URL_[A-Z]+=(http|ws):\/\/127\.0\.0\.1:\d+$/);
		const binance = demo.out[0].split('=')[1];
		const info = (await (await fetch(`${binance}/fapi/v1/exchangeInfo`)).json()) as { symbols: { symbol: string }[] };
		expect(info.symbols.map((s) => s.symbol)).toEqual(['BTCUSDT']);
		demo.child.kill('SIGINT');
		expect(await demo.exit).toBe(0);
	});

	it('refuses a bad speed or port with exit code 2', async () => {
		const speed = run(['demo-market', '--speed', 'fast'], {});
		expect(await speed.exit).toBe(2);
		expect(speed.stderr().trim()).toBe('liqmap: --speed "fast": expected a number from 0.001 to 50');
		const port = run(['demo-market', '--port', '80'], {});
		expect(await port.exit).toBe(2);
		expect(port.stderr().trim()).toBe('liqmap: --port "80": expected a whole number from 1024 to 65533');
	});
});
