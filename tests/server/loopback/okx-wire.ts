/**
 * OKX v5 wire format (recorded shapes of `GET /api/v5/public/instruments`, `GET /api/v5/market/candles`,
 * `GET /api/v5/market/history-candles`, `GET /api/v5/rubik/stat/contracts/open-interest-volume`), serving the
 * synthetic market. Candles: newest first, ts strictly between `before` and `after`, the NEWEST `limit` (≤ 300 for
 * candles, ≤ 100 for history-candles), `confirm` "0" on the forming candle. Open interest: `[ts, oi USD, vol USD]`,
 * newest first, ts in [begin, end].
 */
import { candleAt, candleTimes, openInterestAt } from './synthetic-market.ts';
import type { WireRoute } from './exchange-server.ts';

const BAR_MS: Record<string, number> = { '5m': 300_000, '15m': 900_000, '1H': 3_600_000, '4H': 14_400_000, '1Dutc': 86_400_000, '1D': 86_400_000 };
const OFFSET = -9;

const instruments: WireRoute = (query) => ({
	code: '0',
	msg: '',
	data:
		query.get('instType') !== 'SWAP'
			? []
			: [
					{
						alias: '',
						baseCcy: '',
						category: '1',
						ctMult: '1',
						ctType: 'linear',
						ctVal: '0.01',
						ctValCcy: 'BTC',
						expTime: '',
						instFamily: 'BTC-USDT',
						instId: 'BTC-USDT-SWAP',
						instType: 'SWAP',
						lever: '100',
						listTime: '1611916828000',
						lotSz: '0.01',
						maxIcebergSz: '100000000.0000000000000000',
						maxLmtSz: '100000000',
						maxMktSz: '12000',
						minSz: '0.01',
						optType: '',
						quoteCcy: '',
						settleCcy: 'USDT',
						state: 'live',
						stk: '',
						tickSz: '0.1',
						uly: 'BTC-USDT',
						ruleType: 'normal'
					}
				]
});

function candles(maxLimit: number): WireRoute {
	return (query, shape, now) => {
		const candleMs = BAR_MS[query.get('bar') ?? ''];
		if (!candleMs || query.get('instId') !== 'BTC-USDT-SWAP') return { code: '51000', msg: 'Parameter bar error', data: [] };
			const limit = Math.min(Number(query.get('limit') ?? 100), maxLimit);
		const after = Number(query.get('after') ?? now + 1);
		const before = Number(query.get('before') ?? 0);
		const times = candleTimes(before + 1, after - 1, candleMs, now).slice(-limit).reverse();
		const data = shape(times).map((time) => {
			const c = candleAt(time, candleMs, OFFSET, now);
			const confirm = time + candleMs <= now ? '1' : '0';
			const contracts = Math.round(c.volume * 100);
			return [String(time), c.open.toFixed(1), c.high.toFixed(1), c.low.toFixed(1), c.close.toFixed(1), String(contracts), c.volume.toFixed(2), ((c.volume * (c.open + c.close)) / 2).toFixed(1), confirm];
		});
		return { code: '0', msg: '', data };
	};
}

const openInterestVolume: WireRoute = (query, shape, now) => {
	const periodMs = BAR_MS[query.get('period') ?? ''];
	if (!periodMs || query.get('ccy') !== 'BTC') return { code: '51000', msg: 'Parameter period error', data: [] };
	const end = Number(query.get('end') ?? now);
	const begin = Number(query.get('begin') ?? end - 100 * periodMs);
	const data = shape(candleTimes(begin, end, periodMs, now - periodMs).reverse()).map((time) => {
		const oi = openInterestAt(time, OFFSET);
		return [String(time), oi.notional.toFixed(2), String(Math.round(oi.notional / 40))];
	});
	return { code: '0', msg: '', data };
};

export const okxRoutes: Record<string, WireRoute> = {
	'/api/v5/public/instruments': instruments,
	'/api/v5/market/candles': candles(300),
	'/api/v5/market/history-candles': candles(100),
	'/api/v5/rubik/stat/contracts/open-interest-volume': openInterestVolume
};
