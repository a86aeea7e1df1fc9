/** `GET /api/analysis?source=&timeframe=&lookback=…`: thin route over `analysisApi` (contract in `$lib/server/api.ts`). */
import { analysisApi } from '$lib/server/api.ts';
import { toResponse } from '$lib/server/api-response.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => toResponse(await analysisApi(url));

export { rejectMethod as fallback } from '$lib/server/api-response.ts';
