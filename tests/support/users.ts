import type { Knex } from 'knex';
import request from 'supertest';
import type { Express } from 'express';
import { createAccountsRepository } from '../../server/accounts/repository.js';
import { createAccountsService } from '../../server/accounts/service.js';

let n = 0;
/** A fresh account of a role, signed in: an agent that keeps its session cookie. */
export async function signedIn(app: Express, knex: Knex, role: 'household' | 'staff' | 'admin', wards: string[] = []) {
  const email = `${role}-${process.pid}-${Date.now()}-${n++}@example.vn`;
  const password = 'correct horse battery';
  const user = await createAccountsService(createAccountsRepository(knex)).createUser({ email }, password, role, wards);
  const agent = request.agent(app);
  await agent.post('/v1/auth/login').send({ email, password }).expect(200);
  return { agent, user, email, password };
}

/** Random points inside a ward, from PostGIS. */
export async function pointsIn(knex: Knex, wardCode: string, count: number): Promise<{ lat: number; lng: number }[]> {
  const { rows } = await knex.raw(
    `SELECT ST_Y(d.geom) AS lat, ST_X(d.geom) AS lng FROM wards w, ST_Dump(ST_GeneratePoints(ST_Buffer(w.geom, -0.0002), ?)) d WHERE w.code = ?`,
    [count, wardCode],
  );
  return rows;
}
