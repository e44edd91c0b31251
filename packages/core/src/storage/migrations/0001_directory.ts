import { sql, type Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.js';

/**
 * The directory: users and their phones, groups, roles and permissions,
 * station mappings and terminology (manual: Import Functions; User, Group,
 * and Role Functions; STATIONS; FETCHTERMINOLOGY).
 *
 * A migration is a frozen snapshot: sizes are written out here, never
 * imported, so later code changes cannot alter what it created.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);

  await db.schema
    .createTable('users')
    .addColumn('user_id', ...idColumn(dialect))
    .addColumn('username', 'varchar(255)')
    .addColumn('employee_id', 'varchar(20)')
    .addColumn('first_name', 'varchar(20)', (c) => c.notNull())
    .addColumn('last_name', 'varchar(30)', (c) => c.notNull())
    .addColumn('agent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'varchar(1)', (c) => c.notNull().defaultTo('A').check(sql`status in ('A', 'I')`))
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('add_time', 'bigint')
    .addColumn('mod_time', 'bigint')
    .addColumn('sys_user', 'varchar(255)')
    .addColumn('sys_domain', 'varchar(30)')
    .addColumn('email', 'varchar(255)')
    .addColumn('crm_user', 'varchar(50)')
    .addColumn('site_id', 'integer')
    .addColumn('password_hash', 'varchar(255)')
    .addColumn('device_alias', 'varchar(15)')
    .execute();
  // Deleted users keep their rows; only live users must be unique.
  await db.schema
    .createIndex('users_username_live')
    .on('users')
    .column('username')
    .unique()
    .where(sql.ref('deleted'), '=', 0)
    .execute();
  await db.schema
    .createIndex('users_name_live')
    .on('users')
    .columns(['first_name', 'last_name'])
    .unique()
    .where(sql.ref('deleted'), '=', 0)
    .execute();
  await db.schema.createIndex('users_sys_user').on('users').column('sys_user').execute();

  await db.schema
    .createTable('agent_phones')
    .addColumn('phone_id', 'varchar(64)', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.user_id'))
    .execute();
  await db.schema.createIndex('agent_phones_user').on('agent_phones').column('user_id').execute();

  await db.schema
    .createTable('groups')
    .addColumn('group_id', ...idColumn(dialect))
    .addColumn('name', 'varchar(255)', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createTable('group_members')
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.group_id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.user_id').onDelete('cascade'))
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'user_id'])
    .execute();
  await db.schema.createIndex('group_members_user').on('group_members').column('user_id').execute();
  await db.schema
    .createTable('group_devices')
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.group_id').onDelete('cascade'))
    .addColumn('device_id', 'varchar(64)', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_devices_pk', ['group_id', 'device_id'])
    .execute();
  await db.schema.createIndex('group_devices_device').on('group_devices').column('device_id').execute();

  await db.schema
    .createTable('roles')
    .addColumn('role_id', ...idColumn(dialect))
    .addColumn('name', 'varchar(255)', (c) => c.notNull().unique())
    .addColumn('description', 'varchar(255)')
    .execute();
  await db.schema
    .createTable('role_permissions')
    .addColumn('role_id', 'integer', (c) => c.notNull().references('roles.role_id').onDelete('cascade'))
    .addColumn('permission', 'varchar(64)', (c) => c.notNull())
    .addPrimaryKeyConstraint('role_permissions_pk', ['role_id', 'permission'])
    .execute();
  await db.schema
    .createTable('role_groups')
    .addColumn('role_id', 'integer', (c) => c.notNull().references('roles.role_id').onDelete('cascade'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.group_id').onDelete('cascade'))
    .addPrimaryKeyConstraint('role_groups_pk', ['role_id', 'group_id'])
    .execute();
  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.user_id').onDelete('cascade'))
    .addColumn('role_id', 'integer', (c) => c.notNull().references('roles.role_id').onDelete('cascade'))
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role_id'])
    .execute();
  await db.schema.createIndex('user_roles_role').on('user_roles').column('role_id').execute();

  await db.schema
    .createTable('stations')
    .addColumn('station_name', 'varchar(50)', (c) => c.primaryKey().notNull())
    .addColumn('device_id', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('location_id', 'integer')
    .execute();

  await db.schema
    .createTable('terminology')
    .addColumn('name', 'varchar(255)', (c) => c.primaryKey().notNull())
    .addColumn('value', 'varchar(255)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'terminology', 'stations', 'user_roles', 'role_groups', 'role_permissions', 'roles',
    'group_devices', 'group_members', 'groups', 'agent_phones', 'users',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
