import assert from 'node:assert/strict';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag } from '../support/xml-client.js';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('the live monitor is served from the package on the web port', function () {
  this.timeout(20000);

  describe('without auth', () => {
    let t: TestHost;
    const get = (path: string, init: RequestInit = {}) => fetch(`http://127.0.0.1:${t.webPort}${path}`, init);

    before(async () => (t = await startTestHost()));
    after(() => t.close());

    it('serves the page at / and its script and stylesheet, each with its type and a policy that allows only this server', async () => {
      const cases: [string, RegExp, RegExp][] = [
        ['/', /^text\/html/, /<script type="module" src="\/monitor\/monitor\.js"><\/script>/],
        ['/monitor/monitor.js', /^text\/javascript/, /from '\.\/event-connection\.js'/],
        ['/monitor/event-connection.js', /^text\/javascript/, /new WebSocket\(/],
        ['/monitor/event-message.js', /^text\/javascript/, /export function readEvent/],
        ['/monitor/monitor.css', /^text\/css/, /\.badge\.paused/],
      ];
      for (const [path, type, content] of cases) {
        const response = await get(path);
        assert.equal(response.status, 200, path);
        assert.match(response.headers.get('content-type') ?? '', type, path);
        assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'.*connect-src 'self'/, path);
        assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
        assert.match(await response.text(), content, path);
      }
    });

    it('loads nothing from another host: no absolute URL in any of its files', async () => {
      for (const path of ['/', '/monitor/monitor.css', ...(await modulePaths())]) {
        const text = await (await get(path)).text();
        assert.doesNotMatch(text, /(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i, `${path} names another host`);
        assert.doesNotMatch(text, /@import/, path);
      }
    });

    it('serves every module the entry module imports, and every module those import', async () => {
      const paths = await modulePaths();
      assert.ok(paths.length >= 10, paths.join(' '));
      for (const path of paths) assert.equal((await get(path)).status, 200, path);
    });

    /** The entry module and every module reachable from it by static import, as served. */
    async function modulePaths(): Promise<string[]> {
      const seen = new Set<string>();
      const queue = ['/monitor/monitor.js'];
      while (queue.length > 0) {
        const path = queue.shift()!;
        if (seen.has(path)) continue;
        seen.add(path);
        const text = await (await get(path)).text();
        for (const [, name] of text.matchAll(/^import [^;]* from '\.\/([\w-]+\.js)';$/gm)) queue.push(`/monitor/${name}`);
      }
      return [...seen];
    }

    it('answers a revalidation with 304 and a HEAD without a body; refuses other methods', async () => {
      const first = await get('/monitor/monitor.js');
      const etag = first.headers.get('etag');
      assert.ok(etag);
      assert.equal((await get('/monitor/monitor.js', { headers: { 'If-None-Match': etag } })).status, 304);
      const head = await get('/', { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(await head.text(), '');
      const post = await get('/', { method: 'POST' });
      assert.equal(post.status, 405);
      assert.equal(post.headers.get('allow'), 'GET, HEAD');
    });
  });

  describe('with auth.required', () => {
    let t: TestHost;
    const get = (path: string, authorization?: string) =>
      fetch(`http://127.0.0.1:${t.webPort}${path}`, { headers: authorization ? { Authorization: authorization } : {} });

    before(async () => {
      t = await startTestHost({ auth: { required: true } });
      const client = await t.client();
      await send(client, 'IMPORTUSER', { ACTION: 'ADD', USERNAME: 'supervisor', PASSWORD: 'wallb0ard', FIRSTNAME: 'Sue', LASTNAME: 'Pervisor' });
      await send(client, 'MODIFYROLE', { ACTION: 'ADD', ROLENAME: 'Wallboards' });
      await send(client, 'MODIFYROLEPERMISSION', { ACTION: 'ADD', ROLENAME: 'Wallboards', PERMISSIONNAME: 'ALLOWAPIAUTH' });
      assert.equal(tag(await send(client, 'MODIFYUSERROLE', { ACTION: 'ADD', ROLENAME: 'Wallboards', USERNAME: 'supervisor' }), 'RESULTTYPE'), 'API_OK');
    });
    after(() => t.close());

    it('challenges for Basic credentials, so the browser asks for them, and serves the page to a user with ALLOWAPIAUTH', async () => {
      const api = ['agents', 'recordings', 'activity', 'health', 'history'].map((name) => `/monitor/api/${name}`);
      for (const path of ['/', '/monitor/monitor.js', '/monitor/monitor.css', '/monitor/event-message.js', ...api]) {
        const refused = await get(path);
        assert.equal(refused.status, 401, path);
        assert.equal(refused.headers.get('www-authenticate'), 'Basic realm="Callwire"');
        assert.equal((await get(path, basic('supervisor', 'wrong'))).status, 401, path);
        assert.equal((await get(path, basic('supervisor', 'wallb0ard'))).status, 200, path);
      }
      assert.equal((await get('/healthz')).status, 200, 'health checks stay open');
    });
  });
});
