/** `GET /api/candles?source=&timeframe=&limit=`: thin route over `candlesApi` (contract in `$lib/server/api.ts`). */
import { candlesApi } from '$lib/server/api.ts';
import { toResponse } from '$lib/server/api-response.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => toResponse(await candlesApi(url));

export { rejectMethod as fallback } from '$lib/server/api-response.ts';
