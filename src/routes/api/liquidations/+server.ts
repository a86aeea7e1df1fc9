/** `GET /api/liquidations?source=&since=&limit=`: prints the server has seen and recorded (contract in `$lib/server/streams/stream-api.ts`, merging in `$lib/server/recorder/recorded-api.ts`). */
import { json } from '@sveltejs/kit';
import { liquidationsWithRecord } from '$lib/server/recorder/recorded-api.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const result = await liquidationsWithRecord(url);
	return json(result.body, { status: result.status, headers: result.headers });
};
