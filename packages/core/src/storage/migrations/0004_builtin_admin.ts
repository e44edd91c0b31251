import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * The built-in administrator a fresh system has (USER_ID 1, "CallCopy Admin",
 * not an agent, active), as IMPORTUSER LIST of the real product shows it.
 * SITE_ID -1 is what that capture reports for it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('users')
    .values({
      user_id: 1,
      username: 'admin',
      first_name: 'CallCopy',
      last_name: 'Admin',
      agent: 0,
      status: 'A',
      deleted: 0,
      site_id: -1,
    })
    .execute();
  if (dialectOf(db) === 'postgres') {
    // An explicit id does not move the identity sequence; the next user must get 2.
    await sql`select setval(pg_get_serial_sequence('users', 'user_id'), (select max(user_id) from users))`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('users').where('user_id', '=', 1).execute();
}
