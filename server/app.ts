import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import cookieParser from 'cookie-parser';
import { rateLimit } from 'express-rate-limit';
import { engine } from 'express-handlebars';
import { ROOT } from '../engine/config.js';
import { EngineUnavailableError } from '../engine/errors.js';
import type { Catalogue } from '../indexer/catalogue.js';
import { BadRequestError } from './query-params.js';
import type { SearchService } from './search-service.js';
import { searchRouter } from './routes/search.js';
import { casesRouter } from './routes/cases.js';
import { provisionsRouter } from './routes/provisions.js';
import { apiRouter } from './routes/api.js';
import { feedRouter } from './routes/feed.js';
import { packRouter } from './routes/pack.js';
import { statsRouter } from './routes/stats.js';
import { packFromCookie } from './pack.js';

export interface AppDeps {
  search: SearchService;
  catalogue: Catalogue;
  /** Folders whose files may be served as original documents (the corpus; added sources come from the index). */
  documentRoots?: string[];
  /** Requests per minute and client on /api and exports; 0 turns the limit off. Default API_RATE_LIMIT or 600. */
  apiRateLimit?: number;
  /** Called with unexpected errors (500s); defaults to console.error. */
  logError?: (err: unknown, req: Request) => void;
}

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** Builds the Express app. No listening and no connections here: tests call it directly. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // A strong hash of every page body (80 KB for a search) for conditional requests that
  // dynamic pages hardly get; static files keep their own validators.
  app.set('etag', false);
  app.engine('hbs', engine({
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: path.join(ROOT, 'views', 'layouts'),
    partialsDir: path.join(ROOT, 'views', 'partials'),
    helpers: {
      eq: (a: unknown, b: unknown) => a === b,
      join: (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : ''),
    },
    // Every {{name}} a plain property read rather than a helper lookup first, and partials
    // not re-indented line by line: together a third off rendering the search page.
    compilerOptions: { knownHelpers: { eq: true, join: true }, knownHelpersOnly: true, preventIndent: true },
  }));
  app.set('view engine', 'hbs');
  app.set('views', path.join(ROOT, 'views'));
  // Templates are read once; only a developer editing them wants them re-read on each request.
  if (process.env.NODE_ENV !== 'development') app.enable('view cache');

  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    next();
  });
  app.use(cookieParser());
  // The pack's size in the header of every page, and the current URL for "Add to pack" forms.
  app.use((req, res, next) => {
    res.locals.packCount = packFromCookie((req.cookies as Record<string, unknown>)?.mcs_pack).items.length;
    res.locals.currentUrl = req.originalUrl;
    next();
  });
  app.use('/static', express.static(path.join(ROOT, 'server', 'static'), { maxAge: '1h', fallthrough: false }));

  app.get('/health', async (_req, res) => {
    try {
      await deps.search.ping();
      res.json({ status: 'ok', engine: 'up' });
    } catch {
      res.status(503).json({ status: 'degraded', engine: 'down' });
    }
  });
  const perMinute = deps.apiRateLimit ?? Number(process.env.API_RATE_LIMIT ?? 600);
  if (perMinute > 0) {
    // Per client address; behind a proxy, set TRUST_PROXY so the client's own address is used.
    const limiter = rateLimit({
      windowMs: 60_000,
      limit: perMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (req, res) => {
        res.status(429).setHeader('Retry-After', '60');
        if (req.originalUrl.startsWith('/api/')) res.json({ error: { status: 429, message: `Too many requests: at most ${perMinute} a minute.` } });
        else res.type('text/plain').send(`Too many requests: at most ${perMinute} a minute.`);
      },
    });
    app.use(['/api', '/search/export.csv', '/search/export.json', '/search.atom'], limiter);
  }
  if (process.env.TRUST_PROXY) app.set('trust proxy', process.env.TRUST_PROXY);
  app.use('/', feedRouter(deps));
  app.use('/', packRouter(deps));
  app.use('/', statsRouter(deps));
  app.use('/api', apiRouter(deps));
  app.use('/', searchRouter(deps));
  app.use('/cases', casesRouter(deps));
  app.use('/provisions', provisionsRouter(deps));

  app.use((req, _res, next) => next(new NotFoundError(`No page at ${req.path}`)));
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const api = req.originalUrl.startsWith('/api/');
    let status = 500;
    let message = 'Something went wrong on our side; the error has been logged.';
    if (err instanceof BadRequestError) {
      status = 400;
      message = `Invalid parameter ${err.message}`;
    } else if (err instanceof NotFoundError) {
      status = 404;
      message = err.message;
    } else if (err instanceof EngineUnavailableError) {
      status = 503;
      message = 'The search engine is not available at the moment. Please try again in a few seconds.';
      res.setHeader('Retry-After', '5');
    } else if ((err as { type?: string }).type === 'entity.parse.failed' || (err as { status?: number }).status === 400) {
      status = 400;
      message = 'Malformed request.';
    } else {
      (deps.logError ?? ((e: unknown) => console.error(e)))(err, req);
    }
    res.status(status);
    if (api) {
      res.json({ error: { status, message, ...(err instanceof BadRequestError ? { parameter: err.parameter } : {}) } });
    } else {
      res.render('error', { title: status === 404 ? 'Not found' : status === 503 ? 'Search engine unavailable' : 'Error', status, message });
    }
  });
  return app;
}
