import { CALL_DATA_LIMITS, type CallData, type CallDataLimit } from '@callwire/plugin-api';

type TextKey = 'deviceAlias' | 'sysUser' | 'crmUser' | 'group' | 'gate' | 'ani' | 'dnis' | 'callId' | 'stationName';
const TEXT_KEYS: readonly TextKey[] = ['deviceAlias', 'sysUser', 'crmUser', 'group', 'gate', 'ani', 'dnis', 'callId', 'stationName'];

/**
 * Cuts every text value of `data` to the manual's limit (CALL_DATA_LIMITS:
 * ANI char(20), CALLID char(16), USER4 varchar(255) …) and names what was
 * cut, for an input whose PBX sends longer values than the API allows. The
 * host refuses such a value (CallError FIELD_INVALID) rather than cut it;
 * an input that cannot tell its PBX so (an event socket, a TAPI line) is
 * better off recording the call with a cut number than losing it — and
 * logging `clipped`. Characters are counted as the host counts them (code
 * points), so a cut never splits one.
 * @returns the fitted copy, and one `ANI '…' (23 characters, char(20))` per value cut
 */
export function fitCallData(data: CallData): { data: CallData; clipped: string[] } {
  const fitted: CallData = { ...data };
  const clipped: string[] = [];
  const fit = (value: string | undefined, { parameter, rule }: CallDataLimit): string | undefined => {
    if (value === undefined || rule.kind !== 'text') return value;
    const characters = [...value];
    if (characters.length <= rule.max) return value;
    clipped.push(`${parameter} '${value}' (${characters.length} characters, ${rule.declared})`);
    return characters.slice(0, rule.max).join('');
  };
  for (const key of TEXT_KEYS) {
    if (fitted[key] !== undefined) fitted[key] = fit(fitted[key], CALL_DATA_LIMITS[key]);
  }
  if (data.users) fitted.users = data.users.map((value, i) => (i < CALL_DATA_LIMITS.users.length ? fit(value, CALL_DATA_LIMITS.users[i]!) : value));
  return { data: fitted, clipped };
}
