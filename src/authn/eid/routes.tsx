import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { completeIdentification } from '../login';
import { demoCa, demoCrl } from './demo-ca';
import { answerDemoOcsp } from './demo-ocsp';
import { takeHandoff } from './service';
import { EidStartPage } from './views/start-page';

const completeQuery = z.object({ code: z.string().max(100).catch('') });
// An OCSP request for a few certificates is a few hundred bytes.
const OCSP_REQUEST_LIMIT = 10_000;

/** The eID key on the main site: the "insert your card" page, the handoff back, and the demo CA's publications. */
export function eidRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/login/eid', async (request, reply) => {
    const listenerUrl = `${ctx.config.eid.publicUrl}/?${new URLSearchParams({ lang: request.lang })}`;
    return reply.render(<EidStartPage listenerUrl={listenerUrl} demo={ctx.config.eid.demoCa} />);
  });

  /** The TLS listener sends the browser here with a single-use code once it has verified the certificate. */
  app.get('/login/eid/complete', async (request, reply) => {
    const handoff = await takeHandoff(ctx, completeQuery.parse(request.query).code);
    if (!handoff) throw new AppError('eid.handoff_invalid', 400);
    return completeIdentification(ctx, request, reply, { nrn: handoff.nrn, key: 'eid' });
  });

  if (!ctx.config.eid.demoCa) return;

  /** The demo citizen CA's CRL, the distribution point of every test card. */
  app.get('/eid/demo-ca.crl', async (_request, reply) => {
    const crl = await demoCrl(ctx);
    const maxAge = Math.max(0, Math.floor((crl.nextUpdate.getTime() - ctx.clock.now().getTime()) / 1000));
    return reply.type('application/pkix-crl').header('cache-control', `public, max-age=${maxAge}`).send(crl.der);
  });

  /** The demo citizen CA's OCSP responder (RFC 6960: a DER request POSTed, or base64 in the path of a GET). */
  app.addContentTypeParser('application/ocsp-request', { parseAs: 'buffer', bodyLimit: OCSP_REQUEST_LIMIT }, (_request, body, done) => done(null, body));
  const ocspReply = async (reply: FastifyReply, der: Buffer) =>
    reply.type('application/ocsp-response').header('cache-control', 'no-store').send(await answerDemoOcsp(ctx, der));
  app.post('/eid/demo-ocsp', { config: { csrf: false } }, async (request, reply) => {
    if (!Buffer.isBuffer(request.body)) return reply.code(415).type('text/plain').send('expected application/ocsp-request');
    return ocspReply(reply, request.body);
  });
  app.get('/eid/demo-ocsp/*', async (request, reply) => {
    const encoded = decodeURIComponent((request.params as { '*': string })['*']);
    return ocspReply(reply, Buffer.from(encoded.slice(0, OCSP_REQUEST_LIMIT * 2), 'base64'));
  });

  /** The demo root, for a browser to trust the listener's TLS certificate. */
  app.get('/eid/demo-root-ca.crt', async (_request, reply) => {
    const ca = await demoCa(ctx);
    return reply.type('application/x-x509-ca-cert').header('content-disposition', 'attachment; filename="sesame-demo-root-ca.crt"').send(ca.root.certificate.toString('pem'));
  });
}
