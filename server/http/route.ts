/**
 * Routes are declared once, with the schemas of their inputs and outputs. The same declaration
 * validates requests at the edge (so handlers and services trust their inputs) and generates the
 * OpenAPI document (server/http/openapi.ts): a route cannot exist undocumented.
 */
import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { badRequest, Problem } from './problem.js';

export type ResponseSpec = {
  description: string;
  /** The body's schema; none with a contentType = a body that is not JSON (CSV, an image); neither = no body (204, 304). */
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
  /** The same response in other media types (e.g. ?format=csv), each with its schema when it is JSON. */
  alternatives?: { contentType: string; schema?: z.ZodType }[];
};

export type RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> = {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** Express path, e.g. /v1/codes/:code */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  /**
   * What an API key needs for this route: 'read' (the default for GET, and for POSTs that only
   * compute, like batch lookups) or 'write' (the default for other methods).
   */
  access?: 'read' | 'write';
  /** Answer with a weak ETag of the JSON and honour If-None-Match (304): for GETs clients repeat. */
  etag?: boolean;
  /** A body that is not JSON (CSV, GeoJSON files), read as text: the media types taken and the size limit. */
  textBody?: { types: string[]; limit: string };
  responses: Record<number, ResponseSpec>;
  handler: (
    input: { params: z.output<P>; query: z.output<Q>; body: z.output<B> },
    req: Request,
    res: Response,
  ) => Promise<unknown> | unknown;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRouteSpec = RouteSpec<any, any, any>;

export function route<P extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown, B extends z.ZodType = z.ZodUnknown>(
  spec: RouteSpec<P, Q, B>,
): AnyRouteSpec {
  return spec;
}

/** What a person needs to fix the request: where, and what was expected. */
function describeIssues(where: string, error: z.ZodError) {
  return error.issues.map((issue) => ({
    in: where,
    field: issue.path.join('.') || undefined,
    message: issue.message,
  }));
}

/**
 * Where a value holds U+0000, as a field path, or null. PostgreSQL's text and jsonb cannot hold
 * it, so a NUL that reached a query failed there (500); no address, name or code needs one. An
 * explicit stack, not recursion: a JSON body may nest 20,000 deep.
 */
export function findNul(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        if (k.includes('\u0000')) return at;
        stack.push([child, at]);
      }
    }
  }
  return null;
}

function validate<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.output<T> {
  const nul = findNul(value);
  if (nul !== null)
    throw badRequest(`${nul ? `${where} "${nul}"` : where}: text may not contain the NUL character (U+0000)`, {
      errors: [{ in: where, field: nul || undefined, message: 'contains U+0000' }],
    });
  if (!schema) return value as z.output<T>;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = describeIssues(where, result.error);
  const first = errors[0]!;
  throw badRequest(`${first.field ? `${where} "${first.field}"` : where}: ${first.message}`, { errors });
}

const requireJson: RequestHandler = (req, _res, next) => {
  if (!req.is('application/json')) {
    throw new Problem(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      'Send the body as JSON with Content-Type: application/json.',
    );
  }
  next();
};
const parseJson = express.json({ limit: '2mb' });
const requireType =
  (types: string[]): RequestHandler =>
  (req, _res, next) => {
    if (!req.is(types))
      throw new Problem(415, 'unsupported-media-type', 'Unsupported media type', `Send the body as one of: ${types.join(', ')}.`);
    next();
  };

/**
 * Mounts declared routes on the app. Only routes that take a body get the JSON body parser, so
 * lookups pass through no middleware at all. Express 5 forwards rejected promises to the error handler.
 */
/**
 * Weak ETag of a JSON text: its length and a 32-bit FNV-1a hash. A validator for caches, not a
 * security token; on the lookup path a crypto hash cost 8 % of throughput (BENCHMARKS.md).
 */
export function weakEtag(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `W/"${text.length.toString(16)}-${(h >>> 0).toString(16)}"`;
}

export const accessOf = (spec: AnyRouteSpec): 'read' | 'write' => spec.access ?? (spec.method === 'get' ? 'read' : 'write');

/** `authorize` runs before the body is read: it may throw a Problem (a key without the route's scope). */
export function mountRoutes(
  app: Express,
  specs: AnyRouteSpec[],
  { authorize }: { authorize?: (spec: AnyRouteSpec, req: Request) => void } = {},
): void {
  for (const spec of specs) {
    const bodyParsing = spec.textBody
      ? [requireType(spec.textBody.types), express.text({ type: spec.textBody.types, limit: spec.textBody.limit })]
      : spec.body
        ? [requireJson, parseJson]
        : [];
    const gate = authorize
      ? [
          (req: Request, _res: Response, next: (e?: unknown) => void) => {
            try {
              authorize(spec, req);
              next();
            } catch (e) {
              next(e);
            }
          },
        ]
      : [];
    app[spec.method](spec.path, ...gate, ...bodyParsing, async (req: Request, res: Response) => {
      const input = {
        params: validate(spec.params, req.params, 'path'),
        query: validate(spec.query, req.query, 'query'),
        body: validate(spec.body, req.body, 'body'),
      };
      const result = await spec.handler(input, req, res);
      if (result === undefined || res.headersSent) return;
      if (spec.etag && res.statusCode === 200) {
        const body = JSON.stringify(result);
        res.setHeader('ETag', weakEtag(body));
        if (req.headers['if-none-match'] && req.fresh) return void res.status(304).end();
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        return void res.send(body);
      }
      res.json(result);
    });
  }
}

/**
 * Numbers in a query string: "21.03" → 21.03, with a message that says what was expected. Each
 * digit has one place in the pattern (`\d+\.?\d*` let a run of digits split anywhere, quadratic).
 */
export const queryNumber = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .regex(/^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/, `${what} must be a number`)
    .transform(Number);

export const latitude = (s: z.ZodType<number>) =>
  s.pipe(z.number().min(-90, 'latitude is between -90 and 90').max(90, 'latitude is between -90 and 90'));
export const longitude = (s: z.ZodType<number>) =>
  s.pipe(z.number().min(-180, 'longitude is between -180 and 180').max(180, 'longitude is between -180 and 180'));

/** "lat,lng" in a query string. */
export const latLngPair = z
  .string()
  .trim()
  .regex(/^[-+]?\d+(\.\d+)?\s*,\s*[-+]?\d+(\.\d+)?$/, 'expected "lat,lng", for example 21.0287,105.8522')
  .transform((s) => s.split(',').map(Number) as [number, number])
  .refine(([lat, lng]) => Math.abs(lat) <= 90 && Math.abs(lng) <= 180, 'latitude is between -90 and 90, longitude between -180 and 180');

/** {lat, lng} in a JSON body, in range, nothing else. */
export const latLngObject = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).strict();
