/**
 * The OpenAPI 3.1 document, generated from the route declarations: the schemas that validate
 * requests are the schemas documented (JSON Schema 2020-12, which OpenAPI 3.1 uses as is).
 */
import { z } from 'zod';
import type { AnyRouteSpec } from './route.js';

/**
 * RFC 9457 problem details, the body of every error (server/http/problem.ts). Extension members
 * are allowed: `errors` (400), `suggestions` (mistyped codes), `current` (409), `straightLine`…
 */
export const ProblemDetails = z.looseObject({
  type: z.string().describe('the problem type, e.g. /problems/invalid-code: GET it for what it means'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional().describe('the request path'),
  errors: z
    .array(z.object({ in: z.string().describe('path, query or body'), field: z.string().optional(), message: z.string() }))
    .optional()
    .describe('400: each invalid field and why'),
  suggestions: z.array(z.string()).optional().describe('a mistyped code: valid codes one edit away, nearest first'),
  outcome: z
    .enum(['unknown', 'written'])
    .optional()
    .describe(
      '503 on a write: "unknown" when the database went away while saving it, "written" when it was saved but the answer could not be completed (else nothing was written)',
    ),
});

/** The shape of this document itself, as GET /openapi.json declares it. */
export const OpenApiDocument = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.looseObject({ title: z.string(), version: z.string(), description: z.string().optional() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.looseObject({}).optional(),
});

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

const Problem = jsonSchema(ProblemDetails, 'output');
const problemRef = { $ref: '#/components/schemas/Problem' };

/** The paths the API-key gate (server/keys/gate.ts) reads keys and limits on: anonymous use, or a key. */
const KEYED = /^\/(?:v1|ogc)(?:\/|$)/;
const KEY_SECURITY = [{}, { apiKey: [] }, { apiKeyQuery: [] }];

/** A body's schema: the declared one; problem details; any JSON; else text or binary data as a string. */
function bodySchema(contentType: string, schema: z.ZodType | undefined): object {
  if (schema) return jsonSchema(schema, 'output');
  if (contentType === 'application/problem+json') return problemRef;
  if (/^application\/(?:[\w.-]+\+)?json$/.test(contentType)) return {};
  return /^text\/|\+xml$/.test(contentType) ? { type: 'string' } : { type: 'string', format: 'binary' };
}

function parameters(spec: AnyRouteSpec) {
  const out: object[] = [];
  for (const [where, schema] of [
    ['path', spec.params],
    ['query', spec.query],
  ] as const) {
    if (!schema) continue;
    const js = jsonSchema(schema, 'input') as { properties?: Record<string, { description?: string }>; required?: string[] };
    for (const [name, prop] of Object.entries(js.properties ?? {})) {
      out.push({
        name,
        in: where,
        required: where === 'path' || (js.required ?? []).includes(name),
        description: prop.description,
        schema: prop,
      });
    }
  }
  return out;
}

export function buildOpenApi(specs: AnyRouteSpec[], info: { title: string; version: string; description: string }) {
  const paths: Record<string, Record<string, object>> = {};
  for (const spec of specs) {
    const path = spec.path.replace(/:(\w+)/g, '{$1}');
    const responses: Record<string, object> = {};
    for (const [status, r] of Object.entries(spec.responses)) {
      const media =
        r.schema || r.contentType
          ? [{ contentType: r.contentType ?? 'application/json', schema: r.schema }, ...(r.alternatives ?? [])]
          : [];
      const content = Object.fromEntries(media.map((m) => [m.contentType, { schema: bodySchema(m.contentType, m.schema) }]));
      responses[status] = { description: r.description, ...(media.length ? { content } : {}) };
    }
    if (spec.params || spec.query || spec.body) {
      responses['400'] ??= { description: 'Invalid request', content: { 'application/problem+json': { schema: problemRef } } };
    }
    if (spec.body || spec.textBody) {
      responses['413'] ??= {
        description: 'The body is larger than this endpoint accepts',
        content: { 'application/problem+json': { schema: problemRef } },
      };
      responses['415'] ??= {
        description: 'The body is not of a media type this endpoint takes',
        content: { 'application/problem+json': { schema: problemRef } },
      };
    }
    if (KEYED.test(spec.path)) {
      responses['401'] ??= {
        description: 'The API key is malformed, unknown or revoked',
        content: { 'application/problem+json': { schema: problemRef } },
      };
      responses['403'] ??= {
        description: 'The API key may not be used from this origin, or only reads',
        content: { 'application/problem+json': { schema: problemRef } },
      };
      responses['429'] ??= {
        description: 'Rate limit or daily quota reached; see Retry-After',
        content: { 'application/problem+json': { schema: problemRef } },
      };
    }
    responses['503'] ??= {
      description: 'Database unavailable; see Retry-After',
      content: { 'application/problem+json': { schema: problemRef } },
    };
    (paths[path] ??= {})[spec.method] = {
      operationId: `${spec.method}${path
        .replace(/[{}]/g, '')
        .replace(/\/(\w)/g, (_, c: string) => c.toUpperCase())
        .replace(/\W/g, '')}`,
      summary: spec.summary,
      description: spec.description,
      tags: spec.tags,
      parameters: parameters(spec),
      ...(spec.textBody
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(spec.textBody.types.map((t) => [t, { schema: { type: 'string' } }])),
            },
          }
        : spec.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } } }
          : {}),
      responses,
      ...(KEYED.test(spec.path) ? { security: KEY_SECURITY } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info,
    externalDocs: { description: 'Tài liệu API · API documentation', url: '/docs' },
    paths,
    components: {
      schemas: { Problem },
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'Khoá API · API key (vnac_…)' },
        apiKeyQuery: {
          type: 'apiKey',
          in: 'query',
          name: 'key',
          description: 'The same key where a header cannot be set (map clients); prefer the header',
        },
      },
    },
  };
}
