import assert from 'node:assert/strict';
import { ConflictError, InvalidFieldError } from '../../../src/storage/index.js';
import { useStorage, type StorageHarness } from '../harness.js';
import { rejectsWithStorageError } from './lifecycle.js';

const ADDED = Date.UTC(2006, 9, 30, 21, 5, 38);
const MODIFIED = Date.UTC(2008, 2, 27, 20, 34, 43);

function isConflict(subject: ConflictError['subject'], existingId?: number) {
  return (error: unknown) => {
    assert.ok(error instanceof ConflictError, `expected a ConflictError, got ${String(error)}`);
    assert.equal(error.subject, subject);
    if (existingId !== undefined) assert.equal(error.existingId, existingId);
    return true;
  };
}

export function directorySuite(harness: StorageHarness): void {
  describe('users and phones', () => {
    const context = useStorage(harness);
    const sally = {
      username: 'Sally Smith', employee_id: '5', first_name: 'Sally', last_name: 'Smith', agent: true, status: 'A' as const,
      sys_user: 'smith.1', sys_domain: 'Uptivity', email: 'ssmith@uptivity.com', crm_user: 'sallys', site_id: 1,
    };

    it('adds a user with every IMPORTUSER field', async () => {
      const { users } = context.storage;
      const id = await users.add(sally, ADDED);
      assert.deepEqual(await users.findById(id), {
        ...sally, user_id: id, deleted: false, add_time: ADDED, mod_time: ADDED, password_hash: null, device_alias: null,
      });
    });

    it('refuses a second live user with the same name or username, changing nothing', async () => {
      const { users } = context.storage;
      const id = await users.add(sally, ADDED);
      await assert.rejects(users.add({ first_name: 'Sally', last_name: 'Smith', email: 'other@x' }), isConflict('user', id));
      await assert.rejects(users.add({ first_name: 'S', last_name: 'S', username: 'Sally Smith' }), isConflict('user', id));
      await assert.rejects(users.add({ first_name: 'CallCopy', last_name: 'Admin' }), isConflict('user', 1));
      assert.equal((await users.list()).length, 2);
      assert.equal((await users.findById(id))?.email, 'ssmith@uptivity.com');
    });

    it('modifies fields and MOD_TIME, keeping ADD_TIME', async () => {
      const { users } = context.storage;
      const id = await users.add(sally, ADDED);
      assert.equal(await users.modify(id, { email: 'sally@example.com', agent: false, status: 'I' }, MODIFIED), true);
      const user = await users.findById(id);
      assert.equal(user?.email, 'sally@example.com');
      assert.equal(user?.agent, false);
      assert.equal(user?.status, 'I');
      assert.equal(user?.add_time, ADDED);
      assert.equal(user?.mod_time, MODIFIED);
      assert.equal(user?.first_name, 'Sally');
      assert.equal(await users.modify(999, { email: 'x' }), false);
      await assert.rejects(users.modify(id, { first_name: 'CallCopy', last_name: 'Admin' }), isConflict('user', 1));
      assert.equal((await users.findById(id))?.first_name, 'Sally');
    });

    it('marks a user deleted: the row stays, phones are freed, the name can be reused', async () => {
      const { users, phones } = context.storage;
      const id = await users.add(sally, ADDED);
      await phones.add('1123', id);
      await phones.add('3343', id);
      assert.equal(await users.markDeleted(id, MODIFIED), true);

      const row = await users.findById(id);
      assert.equal(row?.deleted, true);
      assert.equal(row?.mod_time, MODIFIED);
      assert.deepEqual(await phones.phonesOf(id), []);
      assert.equal(await phones.ownerOf('1123'), undefined);
      assert.equal(await users.findByName('Sally', 'Smith'), undefined);
      assert.equal(await users.findByUsername('Sally Smith'), undefined);
      assert.deepEqual((await users.list()).map((u) => u.user_id), [1]);
      assert.deepEqual((await users.list({ includeDeleted: true })).map((u) => u.user_id), [1, id]);
      assert.equal(await users.markDeleted(id), false);
      assert.equal(await users.modify(id, { email: 'x' }), false);

      const again = await users.add(sally);
      assert.notEqual(again, id);
      await phones.add('1123', again);
      assert.equal(await phones.ownerOf('1123'), again);
    });

    it('looks users up by name, username and other fields, refusing unknown fields', async () => {
      const { users } = context.storage;
      const id = await users.add(sally);
      assert.equal((await users.findByName('Sally', 'Smith'))?.user_id, id);
      assert.equal((await users.findByUsername('Sally Smith'))?.user_id, id);
      assert.equal((await users.findBy('EMPLOYEEID', '5'))?.user_id, id);
      assert.equal((await users.findBy('SYSTEMUSERNAME', 'smith.1'))?.user_id, id);
      assert.equal((await users.findBy('crm_user', 'sallys'))?.user_id, id);
      assert.equal((await users.findBy('USERID', String(id)))?.user_id, id);
      assert.equal(await users.findBy('userid', 'abc'), undefined);
      assert.equal(await users.findBy('crm_user', 'nobody'), undefined);
      await assert.rejects(users.findBy('password_hash', 'x'), InvalidFieldError);
    });

    it('lists users with their phones, as IMPORTUSER LIST does', async () => {
      const { users, phones } = context.storage;
      const id = await users.add(sally);
      for (const phone of ['3343', '1123', '3234']) await phones.add(phone, id);
      const listed = await users.list();
      assert.deepEqual(listed.map((u) => [u.user_id, u.phones]), [[1, []], [id, ['1123', '3234', '3343']]]);
    });

    it('gives a phone ID one owner; adding one owned by someone else is a ConflictError', async () => {
      const { users, phones } = context.storage;
      const a = await users.add({ first_name: 'John', last_name: 'Doe' });
      const b = await users.add({ first_name: 'Jane', last_name: 'Roe' });
      await phones.add('1234', a);
      await phones.add('1234', a);
      assert.equal(await phones.ownerOf('1234'), a);
      await assert.rejects(phones.add('1234', b), isConflict('phone', a));
      assert.equal(await phones.ownerOf('1234'), a);
      assert.deepEqual(await phones.phonesOf(b), []);

      assert.equal(await phones.delete('1234', b), false);
      assert.equal(await phones.delete('1234'), true);
      assert.equal(await phones.delete('1234'), false);
      await phones.add('1234', b);
      assert.deepEqual(await phones.phonesOf(b), ['1234']);
      assert.equal((await users.findById(b))?.deleted, false, 'deleting a phone leaves the agent alone');
    });

    it('adds a user with phones in one transaction, and modify can make the phones exactly a given list', async () => {
      const { users, phones } = context.storage;
      const john = await users.add({ first_name: 'John', last_name: 'Doe' }, ADDED, ['1234']);
      await assert.rejects(users.add(sally, ADDED, ['5000', '1234']), isConflict('phone', john));
      assert.equal(await users.findByName('Sally', 'Smith'), undefined, 'the user was not added');
      assert.equal(await phones.ownerOf('5000'), undefined);

      const id = await users.add(sally, ADDED, ['3343', '1123', '1123']);
      assert.deepEqual(await phones.phonesOf(id), ['1123', '3343']);
      assert.equal(await users.modify(id, { email: 'x@example.com' }, MODIFIED, ['3343', '7000']), true);
      assert.deepEqual(await phones.phonesOf(id), ['3343', '7000']);
      await assert.rejects(users.modify(id, { email: 'y@example.com' }, MODIFIED, ['1234']), isConflict('phone', john));
      assert.deepEqual(await phones.phonesOf(id), ['3343', '7000'], 'a refused modify frees nothing');
      assert.equal((await users.findById(id))?.email, 'x@example.com');
      assert.equal(await users.modify(id, {}, MODIFIED, []), true);
      assert.deepEqual(await phones.phonesOf(id), []);
    });
  });

  describe('groups, roles, stations and terminology', () => {
    const context = useStorage(harness);

    it('adds a group once, with & in its name', async () => {
      const { groups } = context.storage;
      const first = await groups.add('Sales & Marketing');
      assert.equal(first.created, true);
      assert.equal(first.group.name, 'Sales & Marketing');
      const second = await groups.add('Sales & Marketing');
      assert.deepEqual(second, { group: first.group, created: false });
      assert.deepEqual(await groups.findByName('Sales & Marketing'), first.group);
      assert.deepEqual(await groups.list(), [first.group]);
    });

    it('assigns agents and devices to groups and takes them out again', async () => {
      const { groups, users } = context.storage;
      const john = await users.add({ first_name: 'John', last_name: 'Doe' });
      const { group } = await groups.add('Support');
      const { group: other } = await groups.add('Billing');
      await groups.assign(group.group_id, { userId: john, deviceId: '1234' });
      await groups.assign(group.group_id, { userId: john, deviceId: '1234' });
      await groups.assign(other.group_id, { deviceId: '1234' });
      assert.deepEqual(await groups.membersOf(group.group_id), [john]);
      assert.deepEqual(await groups.devicesOf(group.group_id), ['1234']);
      assert.deepEqual(await groups.groupsOfUser(john), [group]);
      assert.deepEqual(await groups.groupsOfDevice('1234'), [group, other]);

      assert.equal(await groups.unassign(group.group_id, { deviceId: '1234' }), true);
      assert.equal(await groups.unassign(group.group_id, { deviceId: '1234' }), false);
      assert.deepEqual(await groups.membersOf(group.group_id), [john]);
      assert.equal(await groups.remove(group.group_id), true);
      assert.deepEqual(await groups.groupsOfUser(john), []);
      assert.deepEqual(await groups.groupsOfDevice('1234'), [other]);
    });

    it('keeps roles with their permissions, groups and users', async () => {
      const { roles, users, groups } = context.storage;
      const john = await users.add({ first_name: 'John', last_name: 'Doe' });
      const { group } = await groups.add('CALLCOPYTESTGROUP');
      const { role, created } = await roles.add('DefaultRole', 'Adding Default Role');
      assert.equal(created, true);
      assert.deepEqual(await roles.add('DefaultRole'), { role, created: false });
      const { role: second } = await roles.add('Supervisors');

      await roles.addPermission(role.role_id, 'HOMEPAGEWIDGETS');
      await roles.addPermission(role.role_id, 'ALLOWAPIAUTH');
      await roles.addPermission(role.role_id, 'ALLOWAPIAUTH');
      await roles.addPermission(second.role_id, 'ALLOWAPIAUTH');
      await roles.addPermission(second.role_id, 'ALLOWLIVEMONITOR');
      assert.deepEqual(await roles.permissionsOf(role.role_id), ['ALLOWAPIAUTH', 'HOMEPAGEWIDGETS']);
      assert.equal(await roles.removePermission(role.role_id, 'HOMEPAGEWIDGETS'), true);
      assert.equal(await roles.removePermission(role.role_id, 'HOMEPAGEWIDGETS'), false);

      await roles.addGroup(role.role_id, group.group_id);
      assert.deepEqual(await roles.groupsOf(role.role_id), [group.group_id]);

      await roles.assignUser(john, role.role_id);
      await roles.assignUser(john, second.role_id);
      assert.deepEqual((await roles.rolesOfUser(john)).map((r) => r.name), ['DefaultRole', 'Supervisors']);
      assert.deepEqual(await roles.permissionsOfUser(john), ['ALLOWAPIAUTH', 'ALLOWLIVEMONITOR']);

      await assert.rejects(roles.modify(second.role_id, { name: 'DefaultRole' }), isConflict('role', role.role_id));
      assert.equal(await roles.modify(second.role_id, { description: 'Floor supervisors' }), true);
      assert.equal((await roles.findById(second.role_id))?.description, 'Floor supervisors');
      assert.equal(await roles.modify(999, { description: 'x' }), false);

      assert.equal(await roles.remove(role.role_id), true);
      assert.deepEqual(await roles.permissionsOfUser(john), ['ALLOWAPIAUTH', 'ALLOWLIVEMONITOR']);
      assert.deepEqual((await roles.rolesOfUser(john)).map((r) => r.name), ['Supervisors']);
      assert.equal(await roles.unassignUser(john, second.role_id), true);
      assert.deepEqual(await roles.permissionsOfUser(john), []);
      assert.deepEqual((await roles.list()).map((r) => r.name), ['Supervisors']);
    });

    it('replaces station mappings keeping station names and device ids unique', async () => {
      const { stations } = context.storage;
      await stations.replace('7007', 'JamesBond', 1);
      await stations.replace('7008', 'Moneypenny', 1);
      const stored = await stations.replace('7008', 'JamesBond', 2);
      assert.deepEqual(stored, { station_name: 'JamesBond', device_id: '7008', location_id: 2 });
      assert.deepEqual(await stations.list(), [stored]);
      assert.equal(await stations.byDevice('7007'), undefined);
      assert.equal(await stations.byStation('Moneypenny'), undefined);
      assert.deepEqual(await stations.byStation('JamesBond'), stored);
      assert.deepEqual(await stations.byDevice('7008'), stored);
    });

    it('rolls a failed station replace back, keeping the old mapping', async () => {
      const { stations } = context.storage;
      await stations.replace('7007', 'JamesBond', 1);
      await rejectsWithStorageError(stations.replace(null as unknown as string, 'JamesBond', 1), 'QUERY_FAILED');
      assert.deepEqual(await stations.list(), [{ station_name: 'JamesBond', device_id: '7007', location_id: 1 }]);
    });

    it('sets and lists terminology', async () => {
      const { terminology } = context.storage;
      await terminology.set('deviceid', 'Voice Port');
      await terminology.setMany({ user1: 'Account <Number> & "Ref"', ani: 'CallerID ANI', deviceid: 'Extension' });
      assert.deepEqual(await terminology.list(), [
        { name: 'ani', value: 'CallerID ANI' },
        { name: 'deviceid', value: 'Extension' },
        { name: 'user1', value: 'Account <Number> & "Ref"' },
      ]);
      assert.equal(await terminology.get('deviceid'), 'Extension');
      assert.equal(await terminology.remove('ani'), true);
      assert.equal(await terminology.get('ani'), undefined);
    });
  });
}
