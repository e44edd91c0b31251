import assert from 'node:assert/strict';
import { configSchema } from '../../src/config/config-schema.js';

describe('config: server.api.adminAllow and server.web.origins', () => {
  it('are absent by default (adminAllow then means this machine, origins none)', () => {
    const config = configSchema.parse({});
    assert.equal(config.server.api.adminAllow, undefined);
    assert.equal(config.server.web.origins, undefined);
  });

  it('take addresses and CIDR ranges, and http(s) origins', () => {
    const config = configSchema.parse({
      server: { api: { adminAllow: ['10.0.0.5', '192.168.0.0/16', 'fd00::/8'] }, web: { origins: ['https://crm.example.com', 'http://10.0.0.7:8080'] } },
    });
    assert.deepEqual(config.server.api.adminAllow, ['10.0.0.5', '192.168.0.0/16', 'fd00::/8']);
    assert.deepEqual(config.server.web.origins, ['https://crm.example.com', 'http://10.0.0.7:8080']);
  });

  it('refuses what is neither, naming the entry', () => {
    const problems = (input: unknown) => {
      const parsed = configSchema.safeParse(input);
      assert.equal(parsed.success, false);
      return parsed.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    };
    assert.deepEqual(problems({ server: { api: { adminAllow: ['localhost'] } } }), ["server.api.adminAllow.0: 'localhost' is not an IP address or CIDR range"]);
    for (const origin of ['crm.example.com', 'ftp://crm.example.com', 'https://crm.example.com/page', 'https://crm.example.com?x=1']) {
      assert.deepEqual(problems({ server: { web: { origins: [origin] } } }), [`server.web.origins.0: '${origin}' is not an origin like https://host or http://host:port`]);
    }
  });
});
