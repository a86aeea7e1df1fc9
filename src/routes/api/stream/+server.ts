/** `GET /api/stream?source=&timeframe=`: Server-Sent Events of the exchange streams (contract in `$lib/server/streams/stream-api.ts`). */
import { json } from '@sveltejs/kit';
import { streamApi } from '$lib/server/streams/stream-api.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, request }) => {
	const result = await streamApi(url, request.signal);
	return result instanceof Response ? result : json(result.body, { status: result.status, headers: result.headers });
};
