/** `GET /api/derivatives?source=&timeframe=&lookback=`: open interest and funding history, recorded first, then the exchange (contract in `$lib/server/streams/stream-api.ts`, recording in `$lib/server/recorder/recorded-api.ts`). */
import { json } from '@sveltejs/kit';
import { derivativesWithRecord } from '$lib/server/recorder/recorded-api.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const result = await derivativesWithRecord(url);
	return json(result.body, { status: result.status, headers: result.headers });
};
