/** `GET /api/analysis?source=&timeframe=&lookback=…`: thin route over `analysisApi` (contract in `$lib/server/api.ts`). */
import { json } from '@sveltejs/kit';
import { analysisApi } from '$lib/server/api.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const result = await analysisApi(url);
	return json(result.body, { status: result.status, headers: result.headers });
};
