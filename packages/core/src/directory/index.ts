/**
 * The directory: users and their phones, station mappings, inContact Groups,
 * roles and their permissions, agent windows — the domain behind the import,
 * user, group and role functions, free of XML.
 */
export { DirectoryError, type DirectoryErrorReason } from './directory-error.js';
export { hashPassword, verifyPassword, UNKNOWN_USER_HASH } from './password-hash.js';
export {
  PasswordHasher,
  PasswordCheckRefused,
  type PasswordHashing,
  type PasswordCheckOptions,
  type PasswordHasherOptions,
} from './password-hasher.js';
export { LoginThrottle, type LoginThrottleOptions } from './login-throttle.js';
export { AdministrationPolicy, addressOf, type AdministrationRules } from './administration-policy.js';
export {
  UserLookup,
  namesAgent,
  namesUser,
  type AgentReference,
  type UserReference,
  type AgentPreference,
} from './user-lookup.js';
export { UserDirectory, NO_SITE, type UserProfile } from './user-directory.js';
export { AgentPhones, type PhoneChange } from './agent-phones.js';
export { Workstations } from './workstations.js';
export { Groups, namesGroup, type GroupReference, type GroupPermissionChange } from './groups.js';
export { Roles, namesRole, type RoleReference } from './roles.js';
export { RoleAssignments, type RoleChange } from './role-assignments.js';
export { ROLE_PERMISSIONS, rolePermission, type RolePermission, type RolePermissionProduct } from './role-permission-table.js';
export { AgentWindows, type AgentWindowReport, type AgentWindowQuery } from './agent-windows.js';
export { directoryModule } from './directory-module.js';
export {
  ApiAuthenticator,
  API_AUTH_PERMISSION,
  isApiAuthRefusal,
  type ApiPrincipal,
  type ApiAuthRefusal,
  type ApiAuthenticatorOptions,
} from './api-authenticator.js';
