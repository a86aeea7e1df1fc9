import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = new URL('../bin/liqmap.js', import.meta.url).pathname;
const FIXTURE_60M = new URL('./fixtures/bybit-btcusdt-perp-60m.csv', import.meta.url).pathname;

/** Runs the real launcher (`npx liqmap` runs this file) and returns exit code and streams. */
async function liqmap(...args: string[]) {
	try {
		const { stdout, stderr } = await run(process.execPath, [BIN, ...args]);
		return { code: 0, stdout, stderr };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
	}
}

describe('liqmap liq-price', () => {
	it('prints the JSON contract with the reference value (E = 100,000, 10x long → 90,361.45)', async () => {
		const { code, stdout } = await liqmap('liq-price', '--side', 'long', '--entry', '100000', '--leverage', '10', '--json');
		expect(code).toBe(0);
		expect(JSON.parse(stdout)).toEqual({
			side: 'long',
			entry: 100000,
			leverage: 10,
			maintenanceMarginRate: 0.004,
			liquidationPrice: 90361.45
		});
	});

	it('picks the bracket from --notional (1M USDT → 1 %, short 10x → 109,039.60)', async () => {
		const { stdout } = await liqmap('liq-price', '--side', 'short', '--entry', '100000', '--leverage', '10', '--notional', '1000000', '--json');
		expect(JSON.parse(stdout)).toMatchObject({ maintenanceMarginRate: 0.01, liquidationPrice: 109039.6 });
	});

	it('refuses a bad side with one line on stderr and exit code 2', async () => {
		const { code, stderr } = await liqmap('liq-price', '--side', 'up', '--entry', '1', '--leverage', '10');
		expect(code).toBe(2);
		expect(stderr).toBe('liqmap: --side "up": expected long or short\n');
	});
});

describe('liqmap heatmap', () => {
	it('prints the JSON contract for a CSV of real hourly candles', async () => {
		const { code, stdout } = await liqmap('heatmap', '--input', FIXTURE_60M, '--timeframe', '1h', '--json');
		expect(code).toBe(0);
		const result = JSON.parse(stdout);
		expect(Object.keys(result)).toEqual(['timeframe', 'lastClose', 'atr', 'clusters']);
		expect(result.timeframe).toBe('1h');
		expect(result.lastClose).toBe(107457.9); // last close of bybit-btcusdt-perp-60m.csv (2025-06-29 16:00)
		expect(result.atr).toBeGreaterThan(100);
		expect(result.clusters.length).toBeGreaterThan(2);
		for (const cluster of result.clusters) {
			expect(Object.keys(cluster)).toEqual(['side', 'price', 'low', 'high', 'notional', 'intensity', 'distancePct', 'distanceAtr']);
			expect(cluster.low).toBeLessThanOrEqual(cluster.price);
			expect(cluster.high).toBeGreaterThanOrEqual(cluster.price);
			expect(cluster.intensity).toBeGreaterThan(0);
			expect(cluster.intensity).toBeLessThanOrEqual(1);
			// Longs liquidate below the price, shorts above.
			expect(Math.sign(cluster.distancePct)).toBe(cluster.side === 'long' ? -1 : 1);
		}
	});

	it('prints a table for people, on the embedded sample when no --input is given', async () => {
		const { code, stdout } = await liqmap('heatmap', '--timeframe', '4h');
		expect(code).toBe(0);
		expect(stdout).toMatch(/^4h · \d+ candles to 2025-07-02 12:00 UTC · last close/);
		expect(stdout).toContain('side');
		expect(stdout).toMatch(/\nshort +1\d\d,\d00–/);
	});

	it('names the file, the line and the problem for a bad CSV, exit code 2', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'liqmap-'));
		const file = join(dir, 'bad.csv');
		writeFileSync(file, 'time,open,high,low,close,volume\n2025-01-01T00:00Z,100,110,90,105,1\n2025-01-01T01:00Z,100,99,90,95,1\n');
		const { code, stdout, stderr } = await liqmap('heatmap', '--input', file, '--timeframe', '1h');
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toBe(`liqmap: ${file}: line 3: high 99 is below open 100\n`);
	});

	it('refuses an unknown timeframe and a missing file with one line each', async () => {
		expect((await liqmap('heatmap', '--timeframe', '2m')).stderr).toBe('liqmap: --timeframe "2m": expected one of 5m, 15m, 1h, 4h, 1d\n');
		const missing = await liqmap('heatmap', '--input', '/nonexistent.csv', '--timeframe', '1h');
		expect(missing).toMatchObject({ code: 2, stderr: 'liqmap: /nonexistent.csv: no such file\n' });
	});
});

describe('liqmap analyze', () => {
	it('prints the confluence JSON: indicators, structure with ISO times, scored clusters whose breakdown sums to the score', async () => {
		const { code, stdout } = await liqmap('analyze', '--input', FIXTURE_60M, '--timeframe', '1h', '--context', '4h', '--swing', '3', '--json');
		expect(code).toBe(0);
		const result = JSON.parse(stdout);
		expect(result.indicators.rsi).toBeGreaterThan(0);
		expect(result.indicators.atr).toBeGreaterThan(0);
		expect(result.context.timeframe).toBe('4h');
		expect(result.structure.swings.length).toBeGreaterThan(10);
		for (const swing of result.structure.swings) {
			expect(swing.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/);
			expect(['high', 'low']).toContain(swing.kind);
		}
		for (const event of result.structure.events) {
			expect(['BOS', 'CHoCH']).toContain(event.kind);
			expect(['up', 'down']).toContain(event.direction);
			// dated at the breaking candle, at least 3 bars (the swing length) after the swing
			expect(Date.parse(event.time) - Date.parse(event.swingTime)).toBeGreaterThanOrEqual(3 * 3_600_000);
		}
		for (const cluster of result.clusters) {
			const sum = cluster.breakdown.reduce((s: number, f: { points: number }) => s + f.points, 0);
			expect(sum).toBeCloseTo(cluster.score, 6);
			for (const factor of cluster.breakdown) expect(Object.keys(factor)).toEqual(['factor', 'points', 'reason']);
		}
	});

	it("works on another market's price scale (ETH-like prices, 1/30 of BTC)", async () => {
		const dir = mkdtempSync(join(tmpdir(), 'liqmap-'));
		const file = join(dir, 'eth.csv');
		const rows = ['time,open,high,low,close,volume'];
		let price = 3500;
		for (let i = 0; i < 600; i++) {
			const next = price * (1 + 0.004 * Math.sin(i / 7) + 0.002 * Math.cos(i / 3));
			const time = Date.UTC(2025, 0, 1) + i * 3_600_000;
			rows.push(`${time},${price.toFixed(2)},${(Math.max(price, next) + 3).toFixed(2)},${(Math.min(price, next) - 3).toFixed(2)},${next.toFixed(2)},${100 + (i % 17)}`);
			price = next;
		}
		writeFileSync(file, rows.join('\n'));
		const { code, stdout } = await liqmap('analyze', '--input', file, '--timeframe', '1h', '--json');
		expect(code).toBe(0);
		const result = JSON.parse(stdout);
		expect(result.clusters.length).toBeGreaterThan(0);
		for (const cluster of result.clusters) {
			expect(cluster.price).toBeGreaterThan(2500);
			expect(cluster.price).toBeLessThan(4500);
			expect(cluster.high - cluster.low).toBeLessThan(200); // bins scale with price: 0.1 % of ~3,500 → 5 USDT
		}
	});

	it('does not assume BTC\'s price scale: the same candles × 1e-5 give the same clusters × 1e-5', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'liqmap-'));
		const file = join(dir, 'tiny.csv');
		const lines = readFileSync(FIXTURE_60M, 'utf8').trim().split('\n');
		const scaled = lines.slice(1).map((line) => {
			const [time, ...values] = line.split(',');
			return [time, ...values.slice(0, 4).map((v) => (Number(v) * 1e-5).toFixed(8)), values[4]].join(',');
		});
		writeFileSync(file, [lines[0], ...scaled].join('\n'));
		const original = JSON.parse((await liqmap('heatmap', '--input', FIXTURE_60M, '--timeframe', '1h', '--json')).stdout);
		const tiny = JSON.parse((await liqmap('heatmap', '--input', file, '--timeframe', '1h', '--json')).stdout);
		expect(tiny.clusters.length).toBe(original.clusters.length);
		expect(tiny.atr / original.atr).toBeCloseTo(1e-5, 8);
		tiny.clusters.forEach((cluster: { low: number; high: number; intensity: number }, i: number) => {
			expect(cluster.low / original.clusters[i].low).toBeCloseTo(1e-5, 8);
			expect(cluster.high).toBeGreaterThan(cluster.low); // no range collapsed by rounding
			expect(cluster.intensity).toBeCloseTo(original.clusters[i].intensity, 3);
		});
		const table = (await liqmap('heatmap', '--input', file, '--timeframe', '1h')).stdout;
		expect(table).toMatch(/last close 1\.07458 · ATR\(14\) 0\.00\d{3}/);
	});

	it('refuses a context shorter than the chart with one line, exit code 2', async () => {
		const { code, stderr } = await liqmap('analyze', '--timeframe', '1h', '--context', '15m');
		expect(code).toBe(2);
		expect(stderr).toBe("liqmap: --context \"15m\": the context must not be shorter than the chart's 1h\n");
	});
});

describe('liqmap plan', () => {
	it('prints the plan evaluation JSON (hand-checked: 1 % of 10,000 over a 1,000 stop = 0.1 BTC)', async () => {
		const { code, stdout } = await liqmap(
			...['plan', '--input', FIXTURE_60M, '--timeframe', '1h', '--side', 'long', '--entry', '100000', '--stop', '99000'],
			...['--target', '103000,104000', '--account', '10000', '--risk', '1', '--leverage', '10', '--json']
		);
		expect(code).toBe(0);
		const result = JSON.parse(stdout);
		expect(Object.keys(result)).toEqual(['size', 'notional', 'riskReward', 'liquidationPrice', 'stopToLiquidationPct', 'warnings']);
		expect(result).toMatchObject({ size: 0.1, notional: 10000, riskReward: [3, 4], liquidationPrice: 90361.45, stopToLiquidationPct: 8.639 });
		for (const warning of result.warnings) expect(Object.keys(warning)).toEqual(['code', 'message', 'suggestion']);
	});

	it('refuses a bad margin mode with one line, exit code 2', async () => {
		const { code, stderr } = await liqmap('plan', '--side', 'long', '--entry', '1', '--stop', '0.9', '--target', '2', '--account', '1', '--risk', '1', '--leverage', '2', '--margin', 'portfolio');
		expect(code).toBe(2);
		expect(stderr).toBe('liqmap: --margin "portfolio": expected isolated or cross\n');
	});
});

describe('liqmap calibrate', () => {
	it('prints the calibration JSON contract on real hourly candles', async () => {
		const { code, stdout } = await liqmap('calibrate', '--input', FIXTURE_60M, '--timeframe', '1h', '--horizon', '24', '--reach', '3', '--seed', '2', '--json');
		expect(code).toBe(0);
		const result = JSON.parse(stdout);
		expect(result.events).toBeGreaterThan(5);
		for (const side of ['long', 'short']) {
			expect(Object.keys(result.sides[side])).toEqual(['hits', 'events', 'hitRate', 'hitRateCi', 'baselineRate', 'lift', 'liftCi']);
			expect(result.sides[side].hits).toBeLessThanOrEqual(result.sides[side].events);
		}
		expect(result.sides.long.events + result.sides.short.events).toBe(result.events);
		expect(result.byScore.map((b: { bucket: string }) => b.bucket)).toEqual(['0–25', '25–50', '50–75', '75–100']);
		for (const bucket of result.byScore) expect(Object.keys(bucket)).toEqual(['bucket', 'events', 'hitRate', 'hitRateCi', 'baselineRate']);
		expect(typeof result.verdict).toBe('string');
	});

	it('refuses a horizon that is not a whole number of bars', async () => {
		const { code, stderr } = await liqmap('calibrate', '--timeframe', '1h', '--horizon', '2.5');
		expect(code).toBe(2);
		expect(stderr).toBe('liqmap: --horizon 2.5: expected a whole number from 2 to 1000\n');
	});
});
