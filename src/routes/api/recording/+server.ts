/** `GET /api/recording`: the database of recorded history, its size and retention, and the server's recorder (`$lib/server/recorder/recorded-api.ts`). */
import { json } from '@sveltejs/kit';
import { recordingApi } from '$lib/server/recorder/recorded-api.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const result = await recordingApi(url);
	return json(result.body, { status: result.status, headers: result.headers });
};
