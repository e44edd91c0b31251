import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { listenProblem, listeningPortProblems } from '../../src/host/listening-ports.js';

const listen = (port: number, host = '127.0.0.1') =>
  new Promise<Server | NodeJS.ErrnoException>((resolve) => {
    const server = createServer();
    server.once('error', resolve);
    server.listen(port, host, () => resolve(server));
  });

describe('listening ports: checked before start, and named by key when taken', () => {
  let held: Server;
  let port: number;
  beforeEach(async () => {
    held = (await listen(0)) as Server;
    port = (held.address() as { port: number }).port;
  });
  afterEach(() => held.close());

  const server = (api: number, web: number, tls?: number) => ({
    host: '127.0.0.1', api: { port: api }, web: { port: web }, ...(tls === undefined ? {} : { tls: { port: tls, cert: 'c', key: 'k' } }),
  }) as Parameters<typeof listeningPortProblems>[0];

  it('names every port in use, two keys naming one port included, and skips 0', async () => {
    const free = (await listen(0)) as Server;
    const freePort = (free.address() as { port: number }).port;
    await new Promise((r) => free.close(r));
    assert.deepEqual(await listeningPortProblems(server(port, 0, freePort)), [
      `server.api.port (CALLWIRE_API_PORT) ${port} is in use on 127.0.0.1: stop what holds it or choose another port`,
    ]);
    assert.deepEqual(await listeningPortProblems(server(0, freePort, freePort)), [
      `server.tls.port ${freePort} is in use on 127.0.0.1: stop what holds it or choose another port`,
    ]);
    const again = await listen(freePort);
    assert.equal(again instanceof Error, false, 'the check let its ports go again');
    await new Promise((r) => (again as Server).close(r));
  });

  it("words a real listen error of the starting server as the check does (a port taken after the check)", async () => {
    const err = await listen(port);
    assert.ok(err instanceof Error);
    assert.equal(listenProblem(err, server(0, port)), `server.web.port (CALLWIRE_WEB_PORT) ${port} is in use on 127.0.0.1: stop what holds it or choose another port`);
    assert.equal(listenProblem(new Error('something else'), server(0, port)), undefined);
  });
});
