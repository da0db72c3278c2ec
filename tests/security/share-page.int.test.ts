/**
 * User text substituted into HTML (the share page's Open Graph tags) is text, never a replacement
 * pattern: `$\``, `$'`, `$&` and `$1` in address details once copied the page's head into the tags.
 */
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.js';
import { pointsIn } from '../support/users.js';

const { app, knex, close } = createTestApp();
afterAll(close);

const count = (text: string, part: string) => text.split(part).length - 1;
const metaContent = (html: string, property: string) =>
  html.match(new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)">`))?.[1];

describe('the share page', () => {
  it("puts $` $' $& $1 $$ into its Open Graph tags as escaped text, and the page markup once", async () => {
    const [point] = await pointsIn(knex, '00008', 1); // Ngọc Hà
    const details = { houseNumber: '$`', street: "$' $& $1 $$ <b>", hamlet: '$<x> $0' };
    const created = await request(app)
      .post('/v1/addresses')
      .send({ ...point!, details })
      .expect(201);
    const code = created.body.code as string;
    const plain = (await request(app).get('/').expect(200)).text;
    const page = (await request(app).get(`/${code}`).set('Host', 'ma.example.vn').expect(200)).text;

    const expected = '$` $&#39; $&amp; $1 $$ &lt;b&gt;, $&lt;x&gt; $0, Phường Ngọc Hà, Thành phố Hà Nội · Mở bản đồ, chỉ đường, chia sẻ';
    expect(metaContent(page, 'og:description')).toBe(expected);
    expect(metaContent(page, 'description')).toBe(expected);
    // nothing of the page was copied into the tags: one head, the same scripts and styles as the plain page
    for (const part of ['<head>', '</head>', '<script', '<link', '<!doctype', 'og:description']) {
      expect(count(page, part), part).toBe(part === 'og:description' ? 1 : count(plain, part));
    }
  });
});
