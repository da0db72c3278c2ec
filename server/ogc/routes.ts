/**
 * OGC API - Features - Part 1: Core 1.0 (conformance classes Core and GeoJSON) at /ogc: registered
 * addresses, wards and provinces, so that QGIS, GDAL/OGR (`ogrinfo OAPIF:https://host/ogc`) and
 * other GIS clients read them directly. Links are absolute: PUBLIC_URL when configured, else the
 * request's scheme and host — X-Forwarded-Proto and X-Forwarded-Host count only when the app
 * trusts its proxy (TRUST_PROXY), as Express decides for req.protocol and req.host.
 * Keys, rate limits and CORS are the API gate's (server/keys/gate.ts), as on /v1.
 *
 * Not claimed: OpenAPI 3.0 (/openapi.json is OpenAPI 3.1) and HTML.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { problem } from '../http/problem.js';
import { route } from '../http/route.js';
import { COLLECTIONS, CRS84, VIETNAM_BBOX, type CollectionSpec, type Row } from './collections.js';
import { bboxParam, cursorParam, datetimeParam, DEFAULT_LIMIT, formatParam, limitParam, offsetParam } from './params.js';
import type { OgcService } from './service.js';

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
];

const JSON_TYPE = 'application/json';
const GEOJSON = 'application/geo+json';
const METADATA_MAX_AGE = 3600;

const Link = z.object({ href: z.string(), rel: z.string(), type: z.string().optional(), title: z.string().optional() });
type Link = z.infer<typeof Link>;
const LandingPage = z.object({ title: z.string(), description: z.string(), links: z.array(Link) });
const Conformance = z.object({ conformsTo: z.array(z.string()) });
const Collection = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  links: z.array(Link),
  extent: z.object({ spatial: z.object({ bbox: z.array(z.array(z.number())), crs: z.string() }) }),
  itemType: z.literal('feature'),
  crs: z.array(z.string()),
});
const Collections = z.object({ links: z.array(Link), collections: z.array(Collection) });
const Feature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: z.object({ type: z.string(), coordinates: z.array(z.unknown()) }),
  properties: z.record(z.string(), z.unknown()),
  links: z.array(Link).optional(),
});
const FeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(Feature),
  links: z.array(Link),
  timeStamp: z.string().describe('when this response was generated'),
  numberMatched: z
    .number()
    .int()
    .optional()
    .describe('features matching the query; left out for an address bbox matching more than 10,000'),
  numberReturned: z.number().int(),
});

const CollectionParams = z.object({ collectionId: z.string().describe('addresses, wards or provinces') });
// strict: a parameter not named here is a 400 (/req/core/query-param-unknown); `key` is the API gate's
const key = z
  .string()
  .optional()
  .describe('API key, where the X-API-Key header cannot be sent (GIS clients: add ?key=… to the landing page URL)');
const MetadataQuery = z.strictObject({ f: formatParam(['json']), key });
const FeatureQuery = z.strictObject({ f: formatParam(['json', 'geojson']), key });
const ItemsQuery = z.strictObject({
  bbox: bboxParam,
  datetime: datetimeParam,
  limit: limitParam,
  offset: offsetParam,
  cursor: cursorParam,
  f: formatParam(['json', 'geojson']),
  key,
});

function publicHeaders(res: Response, maxAgeSeconds: number) {
  res.set('Cache-Control', `public, max-age=${maxAgeSeconds}`);
}

/** A GeoJSON Feature as text: the geometry arrives from PostGIS as GeoJSON text and is spliced in, not parsed and re-serialised. */
function featureJson(c: CollectionSpec, row: Row, links?: Link[]): string {
  const { id, properties } = c.present(row);
  const tail = links ? `,"links":${JSON.stringify(links)}` : '';
  return `{"type":"Feature","id":${JSON.stringify(id)},"geometry":${row.geometry},"properties":${JSON.stringify(properties)}${tail}}`;
}

function sendGeoJson(res: Response, body: string) {
  res.type(GEOJSON).send(body);
}

export function ogcRoutes({ service, siteBase }: { service: OgcService; siteBase: (req: Request) => string }) {
  const root = (req: Request) => `${siteBase(req)}/ogc`;
  const self = (req: Request) => `${siteBase(req)}${req.originalUrl}`;
  const collectionUrl = (req: Request, c: CollectionSpec) => `${root(req)}/collections/${c.id}`;

  function describeCollection(req: Request, c: CollectionSpec) {
    return {
      id: c.id,
      title: c.title,
      description: c.description,
      links: [
        { href: collectionUrl(req, c), rel: 'self', type: JSON_TYPE, title: 'This collection' },
        { href: `${collectionUrl(req, c)}/items`, rel: 'items', type: GEOJSON, title: `${c.title} as GeoJSON` },
      ],
      extent: { spatial: { bbox: [[...VIETNAM_BBOX]], crs: CRS84 } },
      itemType: 'feature' as const,
      crs: [CRS84],
    };
  }

  /** The items URL with the request's own parameters (bbox, datetime, f, key) and another page: after a cursor, or at an offset. */
  function pageUrl(req: Request, c: CollectionSpec, limit: number, page: { cursor: string } | { offset: number }): string {
    const params = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
    params.delete('offset');
    params.delete('cursor');
    params.set('limit', String(limit));
    if ('cursor' in page) params.set('cursor', page.cursor);
    else params.set('offset', String(page.offset));
    return `${collectionUrl(req, c)}/items?${params.toString().replace(/%2C/gi, ',')}`; // commas may stand in a query: bbox stays readable
  }

  return [
    route({
      method: 'get',
      path: '/ogc',
      tags: ['ogc api features'],
      summary: 'OGC API - Features: landing page',
      description: 'Links to the API definition, the conformance declaration and the feature collections (addresses, wards, provinces).',
      query: MetadataQuery,
      responses: { 200: { description: 'Landing page', schema: LandingPage } },
      handler: (_input, req, res) => {
        publicHeaders(res, METADATA_MAX_AGE);
        const base = root(req);
        return {
          title: 'Mã địa chỉ số — OGC API - Features',
          description:
            'Registered addresses (public ones only), 2025 wards and provinces of Vietnam as GeoJSON features in WGS 84 longitude/latitude, ' +
            'with bbox, limit and paging (OGC API - Features - Part 1: Core).',
          links: [
            { href: self(req), rel: 'self', type: JSON_TYPE, title: 'This document' },
            {
              href: `${siteBase(req)}/openapi.json`,
              rel: 'service-desc',
              type: 'application/vnd.oai.openapi+json;version=3.1',
              title: 'The API definition (OpenAPI 3.1)',
            },
            { href: `${siteBase(req)}/docs`, rel: 'service-doc', type: 'text/html', title: 'The API documentation' },
            { href: `${base}/conformance`, rel: 'conformance', type: JSON_TYPE, title: 'Conformance classes implemented' },
            { href: `${base}/collections`, rel: 'data', type: JSON_TYPE, title: 'Feature collections' },
          ],
        };
      },
    }),
    route({
      method: 'get',
      path: '/ogc/conformance',
      tags: ['ogc api features'],
      summary: 'OGC API - Features: conformance classes implemented',
      query: MetadataQuery,
      responses: { 200: { description: 'Conformance declaration', schema: Conformance } },
      handler: (_input, _req, res) => {
        publicHeaders(res, METADATA_MAX_AGE);
        return { conformsTo: CONFORMANCE };
      },
    }),
    route({
      method: 'get',
      path: '/ogc/collections',
      tags: ['ogc api features'],
      summary: 'OGC API - Features: the feature collections',
      query: MetadataQuery,
      responses: { 200: { description: 'Collections', schema: Collections } },
      handler: (_input, req, res) => {
        publicHeaders(res, METADATA_MAX_AGE);
        return {
          links: [{ href: self(req), rel: 'self', type: JSON_TYPE, title: 'This document' }],
          collections: Object.values(COLLECTIONS).map((c) => describeCollection(req, c)),
        };
      },
    }),
    route({
      method: 'get',
      path: '/ogc/collections/:collectionId',
      tags: ['ogc api features'],
      summary: 'OGC API - Features: one collection',
      params: CollectionParams,
      query: MetadataQuery,
      responses: { 200: { description: 'The collection', schema: Collection }, 404: problem('No such collection') },
      handler: ({ params }, req, res) => {
        const c = service.collection(params.collectionId);
        publicHeaders(res, METADATA_MAX_AGE);
        return describeCollection(req, c);
      },
    }),
    route({
      method: 'get',
      path: '/ogc/collections/:collectionId/items',
      tags: ['ogc api features'],
      summary: 'OGC API - Features: features of a collection, by bbox, a page at a time',
      description:
        `GeoJSON FeatureCollection in the collection’s order (by feature id), ${DEFAULT_LIMIT} per page unless \`limit\` says otherwise; ` +
        'the `next` link (present while more features match) carries a `cursor` to the next page, each page costing the same however deep; ' +
        'a page reached by `offset` also has a `prev` link. ' +
        'Addresses: public ones only. Wards and provinces: their stored boundaries.',
      params: CollectionParams,
      query: ItemsQuery,
      responses: {
        200: { description: 'A page of features', schema: FeatureCollection, contentType: GEOJSON },
        400: problem(
          'Invalid bbox, limit, datetime or f; offset over 10,000 (follow the next links instead); a cursor that was edited or made for another collection, or with offset; an unknown parameter',
        ),
        404: problem('No such collection'),
      },
      handler: async ({ params, query }, req, res) => {
        const c = service.collection(params.collectionId);
        const { page, matched, limit, next, prevOffset } = await service.itemsPage(c, query);
        const links: Link[] = [
          { href: self(req), rel: 'self', type: GEOJSON, title: 'This page' },
          { href: collectionUrl(req, c), rel: 'collection', type: JSON_TYPE, title: c.title },
        ];
        if (next !== null)
          links.push({
            href: pageUrl(req, c, limit, { cursor: next }),
            rel: 'next',
            type: GEOJSON,
            title: 'Next page',
          });
        // a cursor page has no prev link (the standard makes it optional)
        if (prevOffset !== null)
          links.push({
            href: pageUrl(req, c, limit, { offset: prevOffset }),
            rel: 'prev',
            type: GEOJSON,
            title: 'Previous page',
          });
        publicHeaders(res, c.maxAgeSeconds);
        const counts = `${matched === null ? '' : `"numberMatched":${matched},`}"numberReturned":${page.length}`;
        sendGeoJson(
          res,
          `{"type":"FeatureCollection","features":[${page.map((r) => featureJson(c, r)).join(',')}],` +
            `"links":${JSON.stringify(links)},"timeStamp":"${new Date().toISOString()}",${counts}}`,
        );
      },
    }),
    route({
      method: 'get',
      path: '/ogc/collections/:collectionId/items/:featureId',
      tags: ['ogc api features'],
      summary: 'OGC API - Features: one feature',
      description:
        'Feature ids: an address code with its unit (25M-SN9-S32, or 25M-SN9-S32%2FP302), a 5-digit ward code, a 2-digit province code.',
      params: CollectionParams.extend({ featureId: z.string() }),
      query: FeatureQuery,
      responses: {
        200: { description: 'The feature', schema: Feature, contentType: GEOJSON },
        404: problem('No such collection or feature (a private address is not published)'),
      },
      handler: async ({ params }, req, res) => {
        const c = service.collection(params.collectionId);
        const row = await service.feature(c, params.featureId);
        const { id } = c.present(row);
        publicHeaders(res, c.maxAgeSeconds);
        sendGeoJson(
          res,
          featureJson(c, row, [
            { href: `${collectionUrl(req, c)}/items/${encodeURIComponent(id)}`, rel: 'self', type: GEOJSON, title: 'This feature' },
            { href: collectionUrl(req, c), rel: 'collection', type: JSON_TYPE, title: c.title },
          ]),
        );
      },
    }),
  ];
}
