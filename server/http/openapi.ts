/**
 * The OpenAPI 3.1 document, generated from the route declarations: the schemas that validate
 * requests are the schemas documented (JSON Schema 2020-12, which OpenAPI 3.1 uses as is).
 */
import { z } from 'zod';
import type { AnyRouteSpec } from './route.js';

const Problem = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
  },
  required: ['type', 'title', 'status'],
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function parameters(spec: AnyRouteSpec) {
  const out: object[] = [];
  for (const [where, schema] of [['path', spec.params], ['query', spec.query]] as const) {
    if (!schema) continue;
    const js = jsonSchema(schema, 'input') as { properties?: Record<string, { description?: string }>; required?: string[] };
    for (const [name, prop] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), description: prop.description, schema: prop });
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
      const type = r.contentType ?? 'application/json';
      const schema = r.schema ? jsonSchema(r.schema, 'output') : type === 'application/problem+json' ? Problem : undefined;
      responses[status] = { description: r.description, ...(schema ? { content: { [type]: { schema } } } : {}) };
    }
    if (spec.params || spec.query || spec.body) {
      responses['400'] ??= { description: 'Invalid request', content: { 'application/problem+json': { schema: Problem } } };
    }
    responses['503'] ??= { description: 'Database unavailable; see Retry-After', content: { 'application/problem+json': { schema: Problem } } };
    (paths[path] ??= {})[spec.method] = {
      operationId: `${spec.method}${path.replace(/[{}]/g, '').replace(/\/(\w)/g, (_, c: string) => c.toUpperCase()).replace(/\W/g, '')}`,
      summary: spec.summary,
      description: spec.description,
      tags: spec.tags,
      parameters: parameters(spec),
      ...(spec.textBody
        ? { requestBody: { required: true, content: Object.fromEntries(spec.textBody.types.map((t) => [t, { schema: { type: 'string' } }])) } }
        : spec.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } } }
          : {}),
      responses,
    };
  }
  return { openapi: '3.1.0', info, paths, components: { schemas: { Problem } } };
}
