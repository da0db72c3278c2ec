import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import request from 'supertest';
import type { Express } from 'express';
import { createAccountsRepository } from '../../server/accounts/repository.js';
import { createAccountsService } from '../../server/accounts/service.js';
import { hashToken, SESSION_COOKIE } from '../../server/accounts/middleware.js';
import { hashPassword } from '../../server/accounts/passwords.js';

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

/**
 * Many signed-in households at once, as session cookies for raw HTTP clients: one password hash
 * shared by all (argon2 costs ~0.1 s a hash) and sessions written as a login writes them.
 */
export async function householdSessions(knex: Knex, count: number): Promise<{ userId: string; cookie: string }[]> {
  const repo = createAccountsRepository(knex);
  const passwordHash = await hashPassword('correct horse battery');
  const out: { userId: string; cookie: string }[] = [];
  for (let i = 0; i < count; i++) {
    const user = await repo.insertUser({
      email: `household-${process.pid}-${Date.now()}-${n++}@example.vn`,
      passwordHash,
      role: 'household',
    });
    const token = randomBytes(32).toString('base64url');
    await repo.createSession(hashToken(token), String(user!.id), 1);
    out.push({ userId: String(user!.id), cookie: `${SESSION_COOKIE}=${token}` });
  }
  return out;
}
