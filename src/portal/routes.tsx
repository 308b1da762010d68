import type { FastifyInstance } from 'fastify';
import { HomePage } from './home';

export function portalRoutes(app: FastifyInstance) {
  app.get('/', async (_request, reply) => reply.render(<HomePage />));
}
