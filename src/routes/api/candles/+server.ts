/** `GET /api/candles?source=&timeframe=&limit=`: thin route over `candlesApi` (contract in `$lib/server/api.ts`). */
import { json } from '@sveltejs/kit';
import { candlesApi } from '$lib/server/api.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const result = await candlesApi(url);
	return json(result.body, { status: result.status, headers: result.headers });
};
