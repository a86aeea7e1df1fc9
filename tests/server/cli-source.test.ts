/**
 * `liqmap heatmap|analyze --source …` through the real launcher (`bin/liqmap.js`, the compiled CLI) against the loopback
 * exchanges: the CLI reads `LIQMAP_EXCHANGE_URL_*` (loopback origins only) and goes through the same server module
 * as the API.
 */
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness.ts';

const BIN = new URL('../../bin/liqmap.js', import.meta.url).pathname;
const harness = useHarness();

function liqmap(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 30_000 }, (error, stdout, stderr) =>
			resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
		);
	});
}

const loopbackEnv = () => ({
	LIQMAP_EXCHANGE_URL_BINANCEUSDM: harness.servers.binanceusdm.origin,
	LIQMAP_EXCHANGE_URL_BYBIT: harness.servers.bybit.origin,
	LIQMAP_EXCHANGE_URL_OKX: harness.servers.okx.origin,
	// The longest timeout: the exchanges are on this machine, so a slow answer only means a loaded machine (2 s failed
	// the happy path once while the end-to-end suite ran beside it); the faults here answer at once.
	LIQMAP_UPSTREAM_TIMEOUT_MS: '60000'
});

describe('liqmap --source', () => {
	it('heatmap --source bybit --json prints the heatmap contract from the exchange, provenance on stderr', async () => {
		harness.fresh();
		const { code, stdout, stderr } = await liqmap(['heatmap', '--source', 'bybit', '--timeframe', '1h', '--lookback', '30', '--json'], loopbackEnv());
		expect(code).toBe(0);
		const json = JSON.parse(stdout);
		expect(json.timeframe).toBe('1h');
		expect(json.clusters.length).toBeGreaterThan(0);
		expect(stderr).toMatch(/source: Bybit BTC\/USDT:USDT .* model: open-interest/);
		expect(harness.servers.bybit.count('/v5/market/kline')).toBe(1);
	});

	it('analyze --source all names the agreement of each cluster', async () => {
		const { code, stderr } = await liqmap(['analyze', '--source', 'all', '--timeframe', '1h', '--lookback', '14'], loopbackEnv());
		expect(code).toBe(0);
		expect(stderr).toMatch(/agreement: (long|short) \d+–\d+: (3\/3 exchanges|\w+ only|2\/3 exchanges)/);
	});

	it('an exchange fault ends in one plain line and exit code 3', async () => {
		harness.servers.okx.faults = [{ fault: 'http-503' }];
		const { code, stdout, stderr } = await liqmap(['heatmap', '--source', 'okx', '--timeframe', '1h', '--lookback', '7'], loopbackEnv());
		harness.servers.okx.faults = [];
		expect(code).toBe(3);
		expect(stdout).toBe('');
		expect(stderr.trim()).toBe('liqmap: OKX is unavailable (HTTP 503)');
	});

	it('refuses a bad source, and --input with --source, with exit code 2', async () => {
		const bad = await liqmap(['heatmap', '--source', 'kraken'], {});
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/--source "kraken": expected one of sample, binanceusdm, bybit, okx, all/);
		const both = await liqmap(['heatmap', '--source', 'bybit', '--input', 'x.csv'], {});
		expect(both.code).toBe(2);
	});

	it('--source sample is the embedded data, as without --source', async () => {
		const withFlag = await liqmap(['heatmap', '--source', 'sample', '--timeframe', '1h', '--json'], {});
		const without = await liqmap(['heatmap', '--timeframe', '1h', '--json'], {});
		expect(withFlag.code).toBe(0);
		expect(withFlag.stdout).toBe(without.stdout);
	});
});
