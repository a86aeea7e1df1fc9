/** `GET /api/derivatives?source=&timeframe=&lookback=`: open interest and funding history (contract in `$lib/server/streams/stream-api.ts`). */
import { json } from '@sveltejs/kit';
import { derivativesApi } from '$lib/server/streams/stream-api.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const result = await derivativesApi(url);
	return json(result.body, { status: result.status, headers: result.headers });
};
