import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { errorHandler } from '../../server/http/problem.js';

/** An app whose one route fails with a database error of the given SQLSTATE. */
function failingWith(code: string) {
  const app = express();
  app.get('/x', () => {
    throw Object.assign(new Error(`database error ${code}`), { code });
  });
  app.use(errorHandler(pino({ level: 'silent' })));
  return app;
}

describe('errorHandler', () => {
  it.each(['40P01', '40001'])(
    'answers a transaction conflict (%s: deadlock victim, serialization) with 503 and Retry-After, not 500',
    async (code) => {
      const res = await request(failingWith(code)).get('/x').expect(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.detail).toMatch(/nothing was written/);
    },
  );
  it.each(['22021', '22P05'])(
    'answers text the database cannot store (%s: a NUL that slipped past validation) with 400, not 500',
    async (code) => {
      const res = await request(failingWith(code)).get('/x').expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.detail).toMatch(/cannot be stored/);
    },
  );
  it('still answers an unknown error with 500', async () => {
    await request(failingWith('XX000')).get('/x').expect(500);
  });
});
