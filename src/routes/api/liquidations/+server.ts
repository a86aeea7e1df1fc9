/** `GET /api/liquidations?source=&since=&limit=`: prints the server has seen (contract in `$lib/server/streams/stream-api.ts`). */
import { json } from '@sveltejs/kit';
import { liquidationsApi } from '$lib/server/streams/stream-api.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const result = await liquidationsApi(url);
	return json(result.body, { status: result.status, headers: result.headers });
};
