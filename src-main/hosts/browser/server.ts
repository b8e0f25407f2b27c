import { randomBytes, timingSafeEqual } from 'node:crypto';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyRequest } from 'fastify';
import { Connection } from '../../api/connection';
import { createDispatcher } from '../../api/dispatcher';
import type { Services } from '../../services';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';

export interface BrowserHost {
  url: string;
  /** The URL with the per-run token in its fragment: what a person opens. */
  openUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Serves the renderer and the bridge on loopback only. A call needs the per-run token
 * (given to the page in the URL fragment, which is never sent to a server) and an Origin
 * equal to this server's, so other pages and other local users' browsers are refused.
 */
export async function startBrowserHost(options: { services: Services; rendererDir: string; port?: number }): Promise<BrowserHost> {
  const { services } = options;
  const token = randomBytes(24).toString('base64url');
  const dispatch = createDispatcher(services);
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  let origins: string[] = [];
  let hosts: string[] = [];

  const tokenOk = (given: unknown): boolean => {
    if (typeof given !== 'string') return false;
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  // DNS rebinding: a foreign site whose name resolves to 127.0.0.1 reaches this port with its own
  // name in Host. Only our loopback names are served (the bridge also checks Origin and token).
  app.addHook('onRequest', async (req, reply) => {
    if (!hosts.includes((req.headers.host ?? '').toLowerCase())) {
      services.log.warn({ host: req.headers.host }, 'request refused: foreign Host header');
      return reply.code(421).type('text/plain').send('Misdirected request');
    }
  });

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    return payload;
  });

  await app.register(fastifyWebsocket, { options: { maxPayload: 1024 * 1024 } });
  await app.register(fastifyStatic, { root: options.rendererDir, index: ['index.html'] });

  app.register(async (scope) => {
    scope.get(
      '/bridge',
      {
        websocket: true,
        preValidation: async (req: FastifyRequest<{ Querystring: { token?: string } }>, reply) => {
          if (!origins.includes(req.headers.origin ?? '')) {
            services.log.warn({ origin: req.headers.origin }, 'bridge refused: foreign origin');
            return reply.code(403).send({ error: 'origin' });
          }
          if (!tokenOk(req.query.token)) {
            services.log.warn('bridge refused: bad token');
            return reply.code(401).send({ error: 'token' });
          }
        },
      },
      (socket) => {
        const connection = new Connection(services, dispatch, (frame) => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
        });
        // receive() answers every frame and never throws.
        socket.on('message', (data) => void connection.receive(data.toString()));
        socket.on('close', () => connection.close());
      },
    );
  });

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  origins = hosts.map((h) => `http://${h}`);
  const url = `http://127.0.0.1:${port}/`;
  return { url, openUrl: `${url}#token=${token}`, port, token, close: () => app.close() };
}
