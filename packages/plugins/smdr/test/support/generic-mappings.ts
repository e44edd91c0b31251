/** Generic-format options for two sample files, shared by the unit and the transport tests. */

/** 3CX legacy CDR: call id, duration, time-start, time-answered, …, from-no, to-no, from-dn, to-dn, dial-no … */
export const THREECX_CSV = {
  fields: { callId: 2, duration: 3, start: 5, ani: 8, deviceId: 11, dnis: 12 },
  skip: ['^\\{'],
};

/** Samsung OfficeServ SMDR report columns, from its header line. */
export const SAMSUNG_FIXED = {
  columns: { deviceId: [1, 4], date: [15, 19], time: [21, 28], duration: [30, 37], direction: [39, 40], dnis: [42, 59], accountCode: [61, 72], ani: [74, 88] },
  timeFormat: 'MM/DD HH:mm:ss',
  directions: { I: 'I', IT: 'I', T: 'I', TT: 'I', A: 'I', O: 'O', OT: 'O' },
  skip: ['^SMDR REPORT', '^=+$', '^EXT '],
};
