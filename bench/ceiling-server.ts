/** The framework ceiling: an Express 5 route that answers a constant JSON, nothing else. */
import express from 'express';

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
const body = { code: '25M-SN9-S32', registered: false };
app.get('/constant', (_req, res) => void res.json(body));
app.listen(Number(process.env.PORT ?? 3902), '127.0.0.1');
