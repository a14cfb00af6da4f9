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
