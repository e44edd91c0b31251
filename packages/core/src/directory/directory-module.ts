import { ContainerModule, type ResolutionContext } from 'inversify';
import type { Clock } from '../clock.js';
import { AdminPolicy, ApiCommand } from '../commands/api-command.js';
import { AddGroupCommand } from '../commands/directory/addgroup.js';
import { AgentWindowCommand } from '../commands/directory/agentwindow.js';
import { ImportAgentPhoneCommand } from '../commands/directory/importagentphone.js';
import { ImportUserCommand } from '../commands/directory/importuser.js';
import { ImportWorkstationCommand } from '../commands/directory/importworkstation.js';
import { ModifyGroupPermissionCommand } from '../commands/directory/modifygrouppermission.js';
import { ModifyRoleCommand } from '../commands/directory/modifyrole.js';
import { ModifyRoleGroupPermissionCommand } from '../commands/directory/modifyrolegrouppermission.js';
import { ModifyRolePermissionCommand } from '../commands/directory/modifyrolepermission.js';
import { ModifyUserRoleCommand } from '../commands/directory/modifyuserrole.js';
import type { Storage } from '../storage/index.js';
import { TOKENS } from '../tokens.js';
import { AgentPhones } from './agent-phones.js';
import { AdministrationPolicy } from './administration-policy.js';
import { AgentWindows } from './agent-windows.js';
import { Groups } from './groups.js';
import { PasswordHasher } from './password-hasher.js';
import { RoleAssignments } from './role-assignments.js';
import { Roles } from './roles.js';
import { UserDirectory } from './user-directory.js';
import { UserLookup } from './user-lookup.js';
import { Workstations } from './workstations.js';

/**
 * Binds the directory: users and their phones, station mappings, groups,
 * roles and agent windows, and the functions that administer them (IMPORTUSER,
 * IMPORTAGENTPHONE, IMPORTWORKSTATION, ADDGROUP, MODIFYGROUPPERMISSION,
 * MODIFYROLE, MODIFYROLEGROUPPERMISSION, MODIFYUSERROLE, MODIFYROLEPERMISSION,
 * AGENTWINDOW). Expects TOKENS.Storage, TOKENS.Clock and TOKENS.TimeFormat to
 * be bound by the host. `AgentWindows` is the feed desktop agents and plugins
 * report windows to. `PasswordHasher` bounds every scrypt of the server (the
 * host gives it to the ApiAuthenticator too). `AdministrationPolicy` is the
 * dispatcher's AdminPolicy: the host must `configure` it from its config,
 * and until then administrative functions are refused.
 */
export const directoryModule = new ContainerModule(({ bind }) => {
  bind(UserLookup).toDynamicValue((ctx) => new UserLookup(storage(ctx).users)).inSingletonScope();
  bind(PasswordHasher).toDynamicValue(() => new PasswordHasher()).inSingletonScope();
  bind(UserDirectory)
    .toDynamicValue((ctx) => new UserDirectory({ users: storage(ctx).users, phones: storage(ctx).phones, clock: clock(ctx), hasher: ctx.get(PasswordHasher) }))
    .inSingletonScope();
  bind(AgentPhones).toDynamicValue((ctx) => new AgentPhones(ctx.get(UserLookup), storage(ctx).phones)).inSingletonScope();
  bind(Workstations).toDynamicValue((ctx) => new Workstations(storage(ctx).stations)).inSingletonScope();
  bind(Groups).toDynamicValue((ctx) => new Groups(storage(ctx).groups, ctx.get(UserLookup))).inSingletonScope();
  bind(Roles).toDynamicValue((ctx) => new Roles(storage(ctx).roles)).inSingletonScope();
  bind(RoleAssignments)
    .toDynamicValue((ctx) => new RoleAssignments({
      roles: ctx.get(Roles), roleRepository: storage(ctx).roles, groups: storage(ctx).groups, lookup: ctx.get(UserLookup),
    }))
    .inSingletonScope();
  bind(AgentWindows).toDynamicValue((ctx) => new AgentWindows({ windows: storage(ctx).agentWindows, clock: clock(ctx) })).inSingletonScope();
  bind(AdministrationPolicy).toDynamicValue((ctx) => new AdministrationPolicy(storage(ctx).roles)).inSingletonScope();
  bind<AdminPolicy>(AdminPolicy).toDynamicValue((ctx) => ctx.get(AdministrationPolicy)).inSingletonScope();
  for (const command of [
    ImportUserCommand, ImportAgentPhoneCommand, ImportWorkstationCommand, AddGroupCommand, ModifyGroupPermissionCommand,
    ModifyRoleCommand, ModifyRoleGroupPermissionCommand, ModifyUserRoleCommand, ModifyRolePermissionCommand, AgentWindowCommand,
  ]) {
    bind<ApiCommand>(ApiCommand).to(command).inSingletonScope();
  }
});

const storage = (ctx: ResolutionContext) => ctx.get<Storage>(TOKENS.Storage);
const clock = (ctx: ResolutionContext) => ctx.get<Clock>(TOKENS.Clock);
