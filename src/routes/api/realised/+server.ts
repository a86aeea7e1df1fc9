/** `GET /api/realised?source=&timeframe=&lookback=`: the map measured against recorded liquidation prints (`$lib/server/recorder/recorded-api.ts`). */
import { json } from '@sveltejs/kit';
import { realisedApi } from '$lib/server/recorder/recorded-api.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const result = await realisedApi(url);
	return json(result.body, { status: result.status, headers: result.headers });
};
