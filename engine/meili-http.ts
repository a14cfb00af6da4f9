/**
 * The HTTP transport under the Meilisearch client. Node's fetch costs about 0.3-0.4 ms
 * per round trip on loopback (web streams, Request and Headers objects), undici's own
 * `request` about 0.1 ms; a search page makes two requests, so this is most of what the
 * server adds to Meilisearch's own time.
 */
import { request } from 'undici';

/** Meilisearch answered with an error status. The client wraps it in MeilisearchRequestError as `cause`. */
export class MeiliHttpError extends Error {
  override name = 'MeiliHttpError';
  constructor(
    readonly status: number,
    /** Meilisearch's error code (`index_not_found`, `invalid_search_filter`...), when it gave one. */
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

export type HttpClient = (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => Promise<unknown>;

function plainHeaders(h: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(h).forEach((v, k) => (out[k] = v));
  return out;
}

/**
 * The client's `httpClient` contract: resolve with the parsed body, throw on failure. The
 * client's own timeout aborts through `init.signal`. undici's global dispatcher keeps
 * connections open with a 4 s idle timeout, under Meilisearch's own 5 s, so a request
 * never goes out on a socket the engine is closing.
 */
export const undiciHttpClient: HttpClient = async (input, init = {}) => {
  const method = (init.method ?? 'GET').toUpperCase() as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  const res = await request(String(input), {
    method,
    headers: plainHeaders(init.headers),
    body: typeof init.body === 'string' ? init.body : undefined,
    signal: init.signal ?? undefined,
  });
  const text = await res.body.text();
  const parsed: unknown = text === '' ? undefined : JSON.parse(text);
  if (res.statusCode >= 400) {
    const body = (parsed ?? {}) as { code?: string; message?: string };
    throw new MeiliHttpError(res.statusCode, body.code, body.message ?? `Meilisearch answered HTTP ${res.statusCode}`);
  }
  return parsed;
};
