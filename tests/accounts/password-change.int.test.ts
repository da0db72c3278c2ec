/** Changing the password while signed in (issue 15): the current one required, every other session ended. */
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.js';
import { signedIn } from '../support/users.js';

const { app, knex, close } = createTestApp();
afterAll(close);
const NEW_PASSWORD = 'mùa thu lá vàng rơi';

describe('password change', () => {
  it('needs the current password; ends the user’s other sessions and keeps this one', async () => {
    const { agent, email, password } = await signedIn(app, knex, 'household');
    const phone = request.agent(app);
    await phone.post('/v1/auth/login').send({ email, password }).expect(200);
    const other = await signedIn(app, knex, 'household'); // someone else's session is not touched

    await agent.post('/v1/auth/password').send({ currentPassword: password, newPassword: NEW_PASSWORD }).expect(204);
    await agent.get('/v1/me').expect(200);
    await phone.get('/v1/me').expect(401);
    await other.agent.get('/v1/me').expect(200);
    await request(app).post('/v1/auth/login').send({ email, password }).expect(401);
    await request(app).post('/v1/auth/login').send({ email, password: NEW_PASSWORD }).expect(200);
  });

  it('refuses a wrong current password, a weak new one, and callers who are not signed in', async () => {
    const { agent, email, password } = await signedIn(app, knex, 'household');
    const wrong = await agent.post('/v1/auth/password').send({ currentPassword: 'not my password', newPassword: NEW_PASSWORD }).expect(403);
    expect(wrong.body.detail).toMatch(/current password/);
    const weak = await agent.post('/v1/auth/password').send({ currentPassword: password, newPassword: 'password1' }).expect(400);
    expect(weak.body.errors).toEqual([expect.objectContaining({ field: 'newPassword', message: expect.stringMatching(/common/) })]);
    await agent.post('/v1/auth/password').send({ currentPassword: password, newPassword: 'short' }).expect(400);
    await request(app).post('/v1/auth/password').send({ currentPassword: password, newPassword: NEW_PASSWORD }).expect(401);
    // a cross-site form cannot change it either
    await agent
      .post('/v1/auth/password')
      .set('Origin', 'https://evil.example')
      .send({ currentPassword: password, newPassword: NEW_PASSWORD })
      .expect(403);
    await request(app).post('/v1/auth/login').send({ email, password }).expect(200);
  });
});
