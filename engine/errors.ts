/** The search engine could not be reached or answered with a server error. */
export class EngineUnavailableError extends Error {
  override name = 'EngineUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** No Meilisearch binary could be found or started on this machine. */
export class EngineBinaryNotFoundError extends Error {
  override name = 'EngineBinaryNotFoundError';
}

/** A configuration that cannot work, for example production without a key. */
export class EngineConfigError extends Error {
  override name = 'EngineConfigError';
}

/**
 * An error's message followed by its causes' ("Request to .../indexes has failed:
 * Index `x` not found."), for command-line output: the Meilisearch client wraps every
 * answer it did not like, so the reason is one level down.
 */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (!parts.includes(e.message)) parts.push(e.message);
  }
  return parts.length ? parts.join(': ') : String(err);
}
