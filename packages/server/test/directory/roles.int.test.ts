import assert from 'node:assert/strict';
import { TOKENS, type Storage } from '@callwire/core';
import { request, send, startTestHost, type TestHost } from '../support/test-host.js';
import type { XmlClient } from '../support/xml-client.js';
import { resultData, text } from './directory-replies.js';

/** Every PERMISSION NAME of the manual's MODIFYROLEPERMISSION table, copied from the manual in its order. */
const MANUAL_PERMISSIONS = `
ALLOWCHANGEPASSWORD ALLOWQAVIEW CALLREPORTING QAREPORTING VIEWOWNRECORDS ALLOWAGENTADMIN ALLOWAPIAUTH ALLOWARCHIVEADMIN
ALLOWCOMMENT ALLOWEDITCOMPLETEDQA ALLOWEXPORTDOWNLOAD ALLOWEXPORTEMAIL ALLOWFILEDELETE ALLOWGROUPADMIN ALLOWLIVEMONITOR
ALLOWQAEDIT ALLOWQADELETE ALLOWSYSTEMCONFIG ALLOWSYSTEMREPORTS ALLOWVIEWALLRECORDS AUDITREPORTING CONTENTUPLOAD
REPORTSUBSCRIPTION ALLOWWIDGETADMINISTRATION ALLOWVIEWVIDEO ALLOWBLACKOUT ALLOWRECORDINGALIAS ALLOWRECORDDESKTOP
ALLOWRECORDID ALLOWRECORDSTOP ALLOWUPDATEAUDIO PROMPTID SECUREALL SECUREID ALLOWWEBONDEMAND ANALYTICSREPORTING
ALLOWVIEWANALYTICS ALLOWANALYTICSADMIN SURVEYREPORTING ALLWSURVEYEDIT ALLWSURVEYADMIN ALLWSURVEYDELETE ALLWSURVEYVIEW
ALLOWFUSIONADMIN CONFIGURATIONSECTION EDITNEWSWIDGET EMPLOYEECREATE EMPLOYEEPROFILEALLVIEW EMPLOYEEPROFILETEAMVIEW
EMPLOYEEESCHEDULEALLEEDIT EMPLOYEEESCHEDULEALLVIEW EMPLOYEEESCHEDULETEAMEDIT EMPLOYEEESCHEDULETEAMVIEW EMPLOYEESEARCH
EMPLOYEESECTION EMPLOYEESELFEDIT FORECASTACQUIRE FORECASTPREDICT FORECASTSECTION FORECASTTREND HISTORICALWIDGETS
HOMEPAGEWIDGETS LEAVEREQUESTAPPROVALALL LEAVEREQUESTAPPROVALTEAM REALTIMEWIDGETS REPORTSHISTORICAL REPORTSPROCESSES
REPORTSREALTIME REPORTSSECTION ROSTERALL ROSTERTEAM SCHEDULECREATE SCHEDULELOAD SCHEDULEPUBLISH SCHEDULESECTION
SWAPREQUESTAPPROVALALL SWAPREQUESTAPPROVALTEAM`.trim().split(/\s+/);

describe('role functions', function () {
  this.timeout(20000);
  let t: TestHost;
  let client: XmlClient;
  const storage = () => t.host.container.get<Storage>(TOKENS.Storage);
  const code = (reply: string) => `${text(reply, 'RESULTCODE')} ${text(reply, 'RESULTTYPE')}`;
  const role = (params: Record<string, string | number>) => send(client, 'MODIFYROLE', params);
  const roleId = async (name: string) => (await storage().roles.findByName(name))?.role_id;

  beforeEach(async () => {
    t = await startTestHost();
    client = await t.client();
  });
  afterEach(() => t.close());

  describe('MODIFYROLE', () => {
    it('ADD of an existing name is API_ROLE_ALREADY_EXISTS (50) and keeps the role as it was', async () => {
      await role({ ACTION: 'ADD', ROLENAME: 'Supervisors', DESCRIPTION: 'first' });
      const again = await role({ ACTION: 'ADD', ROLENAME: 'Supervisors', DESCRIPTION: 'second' });
      assert.equal(code(again), '50 API_ROLE_ALREADY_EXISTS');
      assert.equal((await storage().roles.findByName('Supervisors'))?.description, 'first');
      assert.equal((await storage().roles.list()).length, 1);
    });

    it('MODIFY sets the DESCRIPTION of ROLENAME, or renames the role ROLEID names; "Role Modified"', async () => {
      await role({ ACTION: 'ADD', ROLENAME: 'Supervisors' });
      const id = (await roleId('Supervisors'))!;
      const described = await role({ ACTION: 'MODIFY', ROLENAME: 'Supervisors', DESCRIPTION: 'Floor leads' });
      assert.equal(text(described, 'RESULTMSG'), 'Role Modified');
      assert.deepEqual(resultData(described), [['ACTION', 'MODIFY'], ['ROLEID', String(id)], ['ROLENAME', 'Supervisors'], ['DESCRIPTION', 'Floor leads']]);
      const renamed = await role({ ACTION: 'MODIFY', ROLEID: id, ROLENAME: 'Team Leads' });
      assert.equal(code(renamed), '20 API_OK');
      assert.deepEqual(await storage().roles.findById(id), { role_id: id, name: 'Team Leads', description: 'Floor leads' });
    });

    it('MODIFY or DELETE of a missing role is API_ROLE_NOT_FOUND (52); a rename onto another role\'s name is 50', async () => {
      assert.equal(code(await role({ ACTION: 'MODIFY', ROLENAME: 'Ghost', DESCRIPTION: 'x' })), '52 API_ROLE_NOT_FOUND');
      assert.equal(code(await role({ ACTION: 'DELETE', ROLENAME: 'Ghost' })), '52 API_ROLE_NOT_FOUND');
      assert.equal(code(await role({ ACTION: 'MODIFY', ROLEID: 99, ROLENAME: 'Ghost' })), '52 API_ROLE_NOT_FOUND');
      await role({ ACTION: 'ADD', ROLENAME: 'A' });
      await role({ ACTION: 'ADD', ROLENAME: 'B' });
      assert.equal(code(await role({ ACTION: 'MODIFY', ROLEID: (await roleId('A'))!, ROLENAME: 'B' })), '50 API_ROLE_ALREADY_EXISTS');
      assert.deepEqual((await storage().roles.list()).map((r) => r.name), ['A', 'B']);
    });

    it('DELETE answers "Role Deleted" and takes the role from its users; a second DELETE is 52', async () => {
      await role({ ACTION: 'ADD', ROLENAME: 'Temp' });
      await send(client, 'MODIFYUSERROLE', { ACTION: 'ADD', ROLENAME: 'Temp', USERID: 1 });
      assert.equal((await storage().roles.rolesOfUser(1)).length, 1);
      const deleted = await role({ ACTION: 'delete', ROLENAME: 'Temp' });
      assert.equal(text(deleted, 'RESULTMSG'), 'Role Deleted');
      assert.deepEqual(await storage().roles.rolesOfUser(1), []);
      assert.equal(code(await role({ ACTION: 'DELETE', ROLENAME: 'Temp' })), '52 API_ROLE_NOT_FOUND');
    });

    it('a missing ROLENAME is 16; a missing ACTION is 16; an unknown one 21', async () => {
      assert.equal(text(await role({ ACTION: 'ADD', DESCRIPTION: 'x' }), 'RESULTMSG'), 'MODIFYROLE ADD needs ROLENAME; missing: ROLENAME');
      assert.equal(code(await role({ ROLENAME: 'x' })), '16 API_INVALID_MESSAGE_FORMAT');
      assert.equal(code(await role({ ACTION: 'RENAME', ROLENAME: 'x' })), '21 API_ERROR_INVALID_ACTION');
      assert.deepEqual(await storage().roles.list(), []);
    });
  });

  describe('MODIFYROLEGROUPPERMISSION', () => {
    it('ADD and DELETE a group on a role named by ROLEID; a missing role is 52; missing GROUPNAME 16; MODIFY (named only in the error text) is 21', async () => {
      await role({ ACTION: 'ADD', ROLENAME: 'Supervisors' });
      const id = (await roleId('Supervisors'))!;
      const group = Number(text(await send(client, 'ADDGROUP', { GROUPNAME: 'Sales' }), 'GROUPID'));
      const added = await send(client, 'MODIFYROLEGROUPPERMISSION', { ACTION: 'ADD', ROLEID: id, GROUPNAME: 'Sales' });
      assert.equal(text(added, 'RESULTMSG'), 'Group Sales is assigned to role Supervisors');
      assert.deepEqual(resultData(added), [['ROLEID', String(id)], ['ROLENAME', 'Supervisors'], ['GROUPNAME', 'Sales'], ['ACTION', 'ADD']]);
      assert.deepEqual(await storage().roles.groupsOf(id), [group]);
      const removed = await send(client, 'MODIFYROLEGROUPPERMISSION', { ACTION: 'DELETE', ROLENAME: 'Supervisors', GROUPNAME: 'Sales' });
      assert.equal(text(removed, 'RESULTMSG'), 'Group Sales is removed from role Supervisors');
      assert.deepEqual(await storage().roles.groupsOf(id), []);

      assert.equal(code(await send(client, 'MODIFYROLEGROUPPERMISSION', { ACTION: 'ADD', ROLENAME: 'Ghost', GROUPNAME: 'Sales' })), '52 API_ROLE_NOT_FOUND');
      assert.equal(code(await send(client, 'MODIFYROLEGROUPPERMISSION', { ACTION: 'ADD', ROLEID: id })), '16 API_INVALID_MESSAGE_FORMAT');
      assert.equal(code(await send(client, 'MODIFYROLEGROUPPERMISSION', { ACTION: 'ADD', GROUPNAME: 'Sales' })), '16 API_INVALID_MESSAGE_FORMAT');
      assert.equal(code(await send(client, 'MODIFYROLEGROUPPERMISSION', { ACTION: 'MODIFY', ROLEID: id, GROUPNAME: 'Sales' })), '21 API_ERROR_INVALID_ACTION');
    });
  });

  describe('MODIFYUSERROLE', () => {
    it('finds the user by USERID, USERNAME, SYSTEMUSERNAME or FIRSTNAME+LASTNAME and echoes the parameters with USERID filled in', async () => {
      await role({ ACTION: 'ADD', ROLENAME: 'Agents' });
      const id = (await roleId('Agents'))!;
      const sally = Number(text(await send(client, 'IMPORTUSER', { ACTION: 'ADD', FIRSTNAME: 'Sally', LASTNAME: 'Smith', USERNAME: 'ssmith', SYS_USER: 'smith.1' }), 'USERID'));
      const ways: Record<string, string | number>[] = [{ USERID: sally }, { USERNAME: 'ssmith' }, { SYSTEMUSERNAME: 'smith.1' }, { FIRSTNAME: 'Sally', LASTNAME: 'Smith' }];
      for (const who of ways) {
        await send(client, 'MODIFYUSERROLE', { ACTION: 'DELETE', ROLENAME: 'Agents', USERID: sally });
        const reply = await send(client, 'MODIFYUSERROLE', { ACTION: 'ADD', ROLENAME: 'Agents', ...who });
        assert.equal(text(reply, 'RESULTMSG'), `User ${sally} is assigned role Agents`, JSON.stringify(who));
        assert.deepEqual((await storage().roles.rolesOfUser(sally)).map((r) => r.role_id), [id]);
      }
      const reply = await send(client, 'MODIFYUSERROLE', { ACTION: 'DELETE', ROLEID: id, SYSTEMUSERNAME: 'smith.1' });
      assert.equal(text(reply, 'RESULTMSG'), `User ${sally} is removed from role Agents`);
      assert.deepEqual(resultData(reply), [['ROLEID', String(id)], ['ROLENAME', 'Agents'], ['USERID', String(sally)], ['SYSTEMUSERNAME', 'smith.1'], ['ACTION', 'DELETE']]);
      assert.deepEqual(await storage().roles.rolesOfUser(sally), []);
    });

    it('an unknown user is API_USER_NOT_FOUND (28), an unknown role API_ROLE_NOT_FOUND (52); naming neither is 16', async () => {
      await role({ ACTION: 'ADD', ROLENAME: 'Agents' });
      assert.equal(code(await send(client, 'MODIFYUSERROLE', { ACTION: 'ADD', ROLENAME: 'Agents', USERNAME: 'nobody' })), '28 API_USER_NOT_FOUND');
      assert.equal(code(await send(client, 'MODIFYUSERROLE', { ACTION: 'ADD', ROLENAME: 'Ghost', USERID: 1 })), '52 API_ROLE_NOT_FOUND');
      assert.equal(code(await send(client, 'MODIFYUSERROLE', { ACTION: 'ADD', ROLENAME: 'Agents' })), '16 API_INVALID_MESSAGE_FORMAT');
      assert.equal(code(await send(client, 'MODIFYUSERROLE', { ACTION: 'ADD', USERID: 1 })), '16 API_INVALID_MESSAGE_FORMAT');
      assert.equal(code(await send(client, 'MODIFYUSERROLE', { ACTION: 'MODIFY', ROLENAME: 'Agents', USERID: 1 })), '21 API_ERROR_INVALID_ACTION');
      assert.deepEqual(await storage().roles.rolesOfUser(1), []);
    });
  });

  describe('MODIFYROLEPERMISSION', () => {
    it('accepts every permission name of the manual\'s table (in its order, ALLOWQAVIEW before ALLOWQAEDIT)', async () => {
      await role({ ACTION: 'ADD', ROLENAME: 'Everything' });
      await client.write(MANUAL_PERMISSIONS.map((name, i) => request('MODIFYROLEPERMISSION', i, { ACTION: 'ADD', ROLENAME: 'Everything', PERMISSIONNAME: name })).join(''));
      const replies = await client.read(MANUAL_PERMISSIONS.length);
      assert.deepEqual(replies.map((r) => `${text(r, 'PERMISSIONNAME')}: ${text(r, 'RESULTMSG')}`), MANUAL_PERMISSIONS.map((name) => `${name}: Permission Added`));
      assert.equal(MANUAL_PERMISSIONS.length, 77);
      assert.deepEqual(await storage().roles.permissionsOf((await roleId('Everything'))!), [...MANUAL_PERMISSIONS].sort());
    });

    it('an unknown name is API_PERMISSIONIDENT_NOT_FOUND (51); names are case-insensitive; a missing role is 52', async () => {
      await role({ ACTION: 'ADD', ROLENAME: 'R' });
      const unknown = await send(client, 'MODIFYROLEPERMISSION', { ACTION: 'ADD', ROLENAME: 'R', PERMISSIONNAME: 'ALLOWEVERYTHING' });
      assert.equal(code(unknown), '51 API_PERMISSIONIDENT_NOT_FOUND');
      assert.equal(text(await send(client, 'MODIFYROLEPERMISSION', { ACTION: 'ADD', ROLENAME: 'R', PERMISSIONNAME: 'callReporting' }), 'RESULTMSG'), 'Permission Added');
      assert.deepEqual(await storage().roles.permissionsOf((await roleId('R'))!), ['CALLREPORTING']);
      assert.equal(code(await send(client, 'MODIFYROLEPERMISSION', { ACTION: 'ADD', ROLENAME: 'Ghost', PERMISSIONNAME: 'CALLREPORTING' })), '52 API_ROLE_NOT_FOUND');
      assert.equal(code(await send(client, 'MODIFYROLEPERMISSION', { ACTION: 'ADD', ROLENAME: 'R' })), '16 API_INVALID_MESSAGE_FORMAT');
      assert.equal(code(await send(client, 'MODIFYROLEPERMISSION', { ACTION: 'MODIFY', ROLENAME: 'R', PERMISSIONNAME: 'CALLREPORTING' })), '21 API_ERROR_INVALID_ACTION');
    });

    it('ALLOWQAEDIT is refused (59) unless the role has ALLOWQAVIEW, and ALLOWQAVIEW cannot be taken while ALLOWQAEDIT stays', async () => {
      await role({ ACTION: 'ADD', ROLENAME: 'QA' });
      const id = (await roleId('QA'))!;
      const grant = (name: string, action = 'ADD') => send(client, 'MODIFYROLEPERMISSION', { ACTION: action, ROLEID: id, PERMISSIONNAME: name });
      const refused = await grant('ALLOWQAEDIT');
      assert.equal(code(refused), '59 API_PARAMETERS_INVALID');
      assert.match(text(refused, 'RESULTMSG')!, /ALLOWQAEDIT cannot be granted unless the role also has ALLOWQAVIEW/);
      assert.deepEqual(await storage().roles.permissionsOf(id), []);
      assert.equal(text(await grant('ALLOWQAVIEW'), 'RESULTMSG'), 'Permission Added');
      assert.equal(text(await grant('ALLOWQAEDIT'), 'RESULTMSG'), 'Permission Added');
      assert.equal(code(await grant('ALLOWQAVIEW', 'DELETE')), '59 API_PARAMETERS_INVALID');
      assert.deepEqual(await storage().roles.permissionsOf(id), ['ALLOWQAEDIT', 'ALLOWQAVIEW']);
      assert.equal(text(await grant('ALLOWQAEDIT', 'DELETE'), 'RESULTMSG'), 'Permission Deleted');
      assert.equal(text(await grant('ALLOWQAVIEW', 'DELETE'), 'RESULTMSG'), 'Permission Deleted');
      assert.deepEqual(await storage().roles.permissionsOf(id), []);
    });
  });
});
