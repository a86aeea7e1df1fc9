/** The API's answers as SvelteKit responses, for the thin `src/routes/api/**` handlers. */
import { json, type RequestHandler } from '@sveltejs/kit';
import { methodNotAllowedApi, type ApiResult } from './api.ts';

export const toResponse = (result: ApiResult): Response => json(result.body, { status: result.status, headers: result.headers });

/** Any method but GET/HEAD on an API route: a JSON 405 (the API is read-only). */
export const rejectMethod: RequestHandler = ({ request }) => toResponse(methodNotAllowedApi(request.method));
