import 'reflect-metadata';
import assert from 'node:assert/strict';
import { Container, ContainerModule, injectable } from 'inversify';
import { pino } from 'pino';
import { AdminPolicy, ApiCommand, type AdminPermission, type ApiSession } from '../../src/commands/api-command.js';
import { ApiDispatcher } from '../../src/commands/api-dispatcher.js';
import { commandsModule } from '../../src/commands/commands-module.js';
import { ImportUserCommand } from '../../src/commands/directory/importuser.js';
import { AdministrationPolicy, addressOf } from '../../src/directory/administration-policy.js';
import { ApiRequest } from '../../src/protocol/api-request.js';
import { apiOk } from '../../src/protocol/api-result.js';
import { parseRequest } from '../../src/protocol/parse-request.js';
import { TOKENS } from '../../src/tokens.js';

let handled = 0;

@injectable()
class GrantCommand implements ApiCommand {
  readonly type = 'GRANT';
  readonly fields = { ACTION: { kind: 'text', max: 10, declared: 'char(10)' } } as const;
  administers(request: ApiRequest): AdminPermission | undefined {
    return request.get('ACTION') === 'LOOK' ? undefined : 'ALLOWAGENTADMIN';
  }
  handle() {
    handled++;
    return apiOk('granted');
  }
}

const tcp = (address: string): ApiSession => ({ id: 'tcp-1', transport: 'tcp', remoteAddress: address });

function dispatcher(policy?: AdminPolicy): ApiDispatcher {
  const container = new Container();
  container.bind(TOKENS.Logger).toConstantValue(pino({ level: 'silent' }));
  container.load(commandsModule, new ContainerModule(({ bind }) => {
    bind(ApiCommand).to(GrantCommand);
    if (policy) bind(AdminPolicy).toConstantValue(policy);
  }));
  return container.get(ApiDispatcher);
}

const grant = (action = 'GIVE') => parseRequest(`<REQUEST><TYPE>GRANT</TYPE><REQUESTID>3</REQUESTID><ACTION>${action}</ACTION></REQUEST>`);

describe('administrative functions: the dispatcher asks the AdminPolicy', () => {
  beforeEach(() => (handled = 0));

  it('answers API_COMMAND_NOT_ALLOWED (44) with the policy\'s reason, without running the handler', async () => {
    const asked: unknown[] = [];
    const d = dispatcher({ refusal: (session, permission, type) => (asked.push([session.id, permission, type]), 'not from here') });
    const reply = await d.dispatch(grant(), tcp('10.1.1.1:5000'));
    assert.deepEqual([reply.requestType, reply.requestId, reply.result.type, reply.result.message], ['GRANT', '3', 'API_COMMAND_NOT_ALLOWED', 'not from here']);
    assert.equal(handled, 0);
    assert.deepEqual(asked, [['tcp-1', 'ALLOWAGENTADMIN', 'GRANT']]);
  });

  it('runs the handler when the policy allows, or when the request only reads (no permission asked)', async () => {
    let asked = 0;
    const d = dispatcher({ refusal: async () => void asked++ });
    assert.equal((await d.dispatch(grant(), tcp('10.1.1.1:5000'))).result.message, 'granted');
    const reading = d.dispatch(grant('LOOK'), tcp('10.1.1.1:5000'));
    assert.ok(!(reading instanceof Promise), 'a function that does not administer stays synchronous');
    assert.equal(asked, 1);
    assert.equal(handled, 2);
  });

  it('lets everything through when no policy is bound', async () => {
    assert.equal((await dispatcher().dispatch(grant(), tcp('10.1.1.1:5000'))).result.type, 'API_OK');
  });

  it('a policy that throws is API_ERROR_PROCESSING_MESSAGE, not a crash', async () => {
    const d = dispatcher({ refusal: () => { throw new Error('broken'); } });
    assert.equal((await d.dispatch(grant(), tcp('10.1.1.1:5000'))).result.type, 'API_ERROR_PROCESSING_MESSAGE');
  });

  it('IMPORTUSER administers except for LIST', () => {
    const command = new ImportUserCommand(undefined as never, undefined as never);
    const request = (action?: string) => ApiRequest.fromFields([['TYPE', 'IMPORTUSER'], ...(action === undefined ? [] : [['ACTION', action] as const])]);
    assert.deepEqual(['ADD', 'modify', 'DELETE', 'List', ' list ', 'bogus', undefined].map((action) => command.administers(request(action))),
      ['ALLOWAGENTADMIN', 'ALLOWAGENTADMIN', 'ALLOWAGENTADMIN', undefined, undefined, 'ALLOWAGENTADMIN', 'ALLOWAGENTADMIN']);
  });
});

describe('AdministrationPolicy', () => {
  const permissions: Record<number, string[]> = { 1: ['ALLOWAPIAUTH', 'ALLOWAGENTADMIN'], 2: ['ALLOWAPIAUTH'] };
  const roles = { permissionsOfUser: async (id: number) => permissions[id] ?? [] };
  const configured = (authRequired: boolean) => {
    const policy = new AdministrationPolicy(roles);
    policy.configure({ authRequired, addressAllowed: (address) => address === '127.0.0.1' || address === '::1' });
    return policy;
  };
  const http = (userId?: number): ApiSession => ({
    id: 'http-1', transport: 'http', remoteAddress: '10.0.0.7:4000', ...(userId === undefined ? {} : { principal: { userId, username: `user${userId}` } }),
  });

  it('refuses every administrative request until configured', async () => {
    assert.match((await new AdministrationPolicy(roles).refusal(tcp('127.0.0.1:5000'), 'ALLOWAGENTADMIN', 'IMPORTUSER'))!, /until the server has finished starting/);
  });

  it('without auth.required lets every client administer', async () => {
    assert.equal(await configured(false).refusal(tcp('10.9.9.9:5000'), 'ALLOWAGENTADMIN', 'IMPORTUSER'), undefined);
    assert.equal(await configured(false).refusal(http(), 'ALLOWAGENTADMIN', 'IMPORTUSER'), undefined);
  });

  it('with auth.required: TCP by address, the WebAPI by the user\'s role, in-process callers always', async () => {
    const policy = configured(true);
    const ask = (session: ApiSession, permission: AdminPermission = 'ALLOWAGENTADMIN') => policy.refusal(session, permission, 'IMPORTUSER');
    assert.equal(await ask(tcp('127.0.0.1:5000')), undefined);
    assert.equal(await ask(tcp('::1:5000')), undefined);
    assert.match((await ask(tcp('127.0.0.2:5000')))!, /only from server\.api\.adminAllow, which does not hold 127\.0\.0\.2/);
    assert.equal(await ask(http(1)), undefined);
    assert.equal(await ask(http(2)), 'IMPORTUSER needs ALLOWAGENTADMIN, which no role of user user2 has');
    assert.equal(await ask(http(1), 'ALLOWGROUPADMIN'), 'IMPORTUSER needs ALLOWGROUPADMIN, which no role of user user1 has');
    assert.equal(await ask(http()), 'IMPORTUSER needs an authenticated user whose role has ALLOWAGENTADMIN');
    assert.equal(await ask({ id: 'plugin', transport: 'internal', remoteAddress: 'plugin' }), undefined);
  });

  it('reads the IP address out of a session\'s address:port', () => {
    assert.deepEqual(['127.0.0.1:5620', '::1:40000', '::ffff:10.0.0.5:7', 'fe80::1', '?:?'].map(addressOf), ['127.0.0.1', '::1', '::ffff:10.0.0.5', 'fe80::1', undefined]);
  });
});
