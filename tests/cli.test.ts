import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

/** Writes a file in a fresh temporary folder and returns its path. */
function tempFile(name: string, content: string | Buffer): string {
	const file = join(mkdtempSync(join(tmpdir(), 'liqmap-')), name);
	writeFileSync(file, content);
	return file;
}

/** 48 hourly candles near 100,000 from 2025-06-01 (open 100,000 + 10·i, ±50), as CSV lines after a header. */
function hourlyCsv(edit: (cells: string[], i: number) => void = () => {}): string {
	const lines = ['time,open,high,low,close,volume'];
	for (let i = 0; i < 48; i++) {
		const open = 100_000 + 10 * i;
		const cells = [String(Date.UTC(2025, 5, 1) + i * 3_600_000), String(open), String(open + 50), String(open - 50), String(open + 10), '3'];
		edit(cells, i);
		lines.push(cells.join(','));
	}
	return lines.join('\n');
}

describe('liqmap help, version and options (node:util parseArgs)', () => {
	it('prints help with exit code 0 for -h, --help and <command> --help', async () => {
		for (const args of [['-h'], ['--help']]) {
			const { code, stdout } = await liqmap(...args);
			expect(code).toBe(0);
			expect(stdout).toMatch(/^liqmap: .*\nusage:\n {2}liqmap heatmap /);
		}
		const heatmapHelp = await liqmap('heatmap', '--help');
		expect(heatmapHelp.code).toBe(0);
		expect(heatmapHelp.stdout).toMatch(/^usage: liqmap heatmap /);
		expect(heatmapHelp.stdout).toContain('at most 10 tiers');
		const planHelp = await liqmap('plan', '-h');
		expect(planHelp).toMatchObject({ code: 0, stderr: '' });
		expect(planHelp.stdout).toMatch(/^usage: liqmap plan /);
	});

	it('prints the version of package.json with exit code 0', async () => {
		const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
		expect(await liqmap('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
	});

	it('refuses an unknown option, naming it, exit code 2', async () => {
		expect(await liqmap('heatmap', '--timeframe', '1h', '--colour', 'red')).toEqual({ code: 2, stdout: '', stderr: 'liqmap: unknown option --colour\n' });
		expect((await liqmap('liq-price', '-x')).stderr).toBe('liqmap: unknown option -x\n');
		expect((await liqmap('--frobnicate')).stderr).toMatch(/^liqmap: unknown option --frobnicate \(commands: heatmap, analyze, plan, calibrate, liq-price/);
	});

	it('refuses a repeated option, as the API refuses a repeated parameter', async () => {
		expect(await liqmap('heatmap', '--timeframe', '1h', '--timeframe', '4h')).toEqual({ code: 2, stdout: '', stderr: 'liqmap: --timeframe is given more than once\n' });
	});

	it('refuses --json=false instead of printing JSON', async () => {
		const { code, stdout, stderr } = await liqmap('liq-price', '--side', 'long', '--entry', '100000', '--leverage', '10', '--json=false');
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toBe('liqmap: --json takes no value (leave it out to turn it off)\n');
	});

	it('quotes a value containing ": " whole, the reason after it', async () => {
		const { stderr } = await liqmap('heatmap', '--timeframe', 'a: b');
		expect(stderr).toBe('liqmap: --timeframe "a: b": expected one of 5m, 15m, 1h, 4h, 1d\n');
	});

	it('refuses more than 10 tiers naming the limit, and leverage with more than two decimals', async () => {
		// (leverage 1 passes validation, tests/analysis/params-limits.test.ts; the engine's side of it is core/model's)
		const file = tempFile('h.csv', hourlyCsv());
		expect((await liqmap('heatmap', '--input', file, '--timeframe', '1h', '--tiers', '1.00001:100')).stderr).toBe(
			'liqmap: --tiers "1.00001:100": leverage 1.00001 has more than 2 decimals\n'
		);
		const eleven = Array.from({ length: 11 }, (_, i) => `${i + 2}:5`).join(',');
		const many = await liqmap('heatmap', '--input', file, '--timeframe', '1h', '--tiers', eleven);
		expect(many).toMatchObject({ code: 2, stderr: `liqmap: --tiers "${eleven}": 11 tiers, more than the limit of 10\n` });
	});

	it('refuses a hand-set bin that would split the price range into more than 100,000 bins', async () => {
		// lows from 99,950, highs to 100,520 (hourlyCsv): 570 USDT / 0.001 = 570,000 bins
		const file = tempFile('h.csv', hourlyCsv());
		const { code, stderr } = await liqmap('heatmap', '--input', file, '--timeframe', '1h', '--bin', '0.001');
		expect(code).toBe(2);
		expect(stderr).toBe('liqmap: --bin "0.001": 570,000 bins over the price range 99950–100520, more than the limit of 100,000\n');
	});
});

describe('liqmap input limits and hostile input', () => {
	it('refuses /dev/zero at the size limit instead of reading without end', async () => {
		const { code, stderr } = await liqmap('heatmap', '--input', '/dev/zero', '--timeframe', '1h', '--max-bytes', '100000');
		expect(code).toBe(2);
		expect(stderr).toBe('liqmap: /dev/zero: larger than the input limit of 100,000 bytes (--max-bytes or LIQMAP_MAX_BYTES to change it)\n');
	});

	it('takes the limit from LIQMAP_MAX_BYTES and refuses a file over it before reading it', async () => {
		const file = tempFile('h.csv', hourlyCsv());
		const { stdout, stderr } = await run(process.execPath, [BIN, 'heatmap', '--input', file, '--timeframe', '1h'], { env: { ...process.env, LIQMAP_MAX_BYTES: '1000' } }).catch((e) => e);
		expect(stdout).toBe('');
		expect(stderr).toBe(`liqmap: ${file}: larger than the input limit of 1,000 bytes (--max-bytes or LIQMAP_MAX_BYTES to change it)\n`);
		expect((await liqmap('heatmap', '--max-bytes', '0')).stderr).toBe('liqmap: --max-bytes "0": expected a whole number of bytes from 1\n');
	});

	it('refuses a 1e10 high in a 1e5 series with its line instead of drawing it (it took the CLI past 6 GB)', async () => {
		const file = tempFile('spike.csv', hourlyCsv((cells, i) => i === 20 && (cells[2] = '1e10')));
		const { code, stderr } = await liqmap('heatmap', '--input', file, '--timeframe', '1h');
		expect(code).toBe(2);
		// median close of 100,010 … 100,480: (100,240 + 100,250) / 2 = 100,245; candle 20 is line 22
		expect(stderr).toBe(`liqmap: ${file}: line 22: high 10000000000 is more than 100× the series' median close 100245\n`);
	});

	it('refuses microsecond timestamps near 1e20 with a reason, not "Invalid time value"', async () => {
		const file = tempFile('us.csv', hourlyCsv((cells, i) => i === 3 && (cells[0] = '99999999999999999999')));
		const { code, stderr } = await liqmap('heatmap', '--input', file, '--timeframe', '1h');
		expect(code).toBe(2);
		expect(stderr).toMatch(/^liqmap: .*: line 5: time 100000000000000000 ms is outside 2009-01-03 … \d{4}-\d\d-\d\d\n$/);
	});

	it('escapes ANSI/OSC sequences from a CSV cell: none reaches the terminal', async () => {
		const file = tempFile('esc.csv', hourlyCsv((cells, i) => i === 1 && (cells[1] = '\u001b[2J\u001b]0;owned\u0007')));
		const { code, stderr } = await liqmap('heatmap', '--input', file, '--timeframe', '1h');
		expect(code).toBe(2);
		expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
		expect(stderr).toBe(`liqmap: ${file}: line 3: open "\\u001b[2J\\u001b]0;owned\\u0007" is not a number\n`);
	});

	it('a 5 MB line gives one short error line (at most 300 characters)', async () => {
		const file = tempFile('long.csv', `time,open,high,low,close,volume\n2025-06-01T00:00Z,${'9'.repeat(5_000_000)}x,1,1,1,1\n`);
		const { code, stderr } = await liqmap('heatmap', '--input', file, '--timeframe', '1h');
		expect(code).toBe(2);
		expect(stderr.split('\n')).toHaveLength(2); // one line and its newline
		expect(stderr.length).toBeLessThanOrEqual(301);
		expect(stderr).toContain(`line 2: open "${'9'.repeat(40)}…" is not a number`);
	});

	it('refuses a candle pack with priceScale 0 at once (it used to hang) and one with unsorted times', async () => {
		const pack = { symbol: 'BTCUSDT', exchange: 'x', timeframe: '1h', priceScale: 0, volumeScale: 1, t: [1748736000000, 3600000], o: [1000, 0], h: [1, 1], l: [1, 1], c: [0, 0], v: [1, 1] };
		const zero = await liqmap('heatmap', '--input', tempFile('p.json', JSON.stringify(pack)), '--timeframe', '1h');
		expect(zero).toMatchObject({ code: 2, stdout: '' });
		expect(zero.stderr).toMatch(/: candle pack: "priceScale" must be a positive number, got "0"\n$/);
		const unsorted = await liqmap('heatmap', '--input', tempFile('p.json', JSON.stringify({ ...pack, priceScale: 10, t: [1748736000000, -3600000] })), '--timeframe', '1h');
		expect(unsorted.stderr).toMatch(/: candle 2: unsorted timestamp 2025-05-31T23:00:00\.000Z comes after 2025-06-01T00:00:00\.000Z\n$/);
	});
});

describe('the launcher', () => {
	it('runs the compiled JavaScript (dist-cli/liqmap.js, built before the tests) with no TypeScript step', async () => {
		const compiled = new URL('../dist-cli/liqmap.js', import.meta.url).pathname;
		expect(readFileSync(compiled, 'utf8')).toMatch(/^\/\/ Built by scripts\/build-cli\.js/);
		const { stdout } = await run(process.execPath, [BIN, '--version']);
		expect(stdout).toBe(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
	});

	it('before a build and without tsx, says how to build in one line, exit code 1', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'liqmap-unbuilt-'));
		const launcher = join(folder, 'bin', 'liqmap.js');
		mkdirSync(join(folder, 'bin'));
		writeFileSync(launcher, readFileSync(BIN));
		const result = await run(process.execPath, [launcher, '--help']).catch((error) => error);
		expect(result.code).toBe(1);
		expect(result.stderr).toBe('liqmap: the command line is not built yet: run `npm run build` (or `npm run build:cli`) in the liqmap folder\n');
	});
});
