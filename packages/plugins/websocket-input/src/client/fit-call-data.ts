import { FIELD_LIMITS, type CallData } from '@callwire/core';

function limitOf(parameter: string): number {
  const rule = FIELD_LIMITS['CALLSTART']?.[parameter];
  return rule?.kind === 'text' ? rule.max : Number.POSITIVE_INFINITY;
}

const LIMITS = { ani: limitOf('ANI'), dnis: limitOf('DNIS'), callId: limitOf('CALLID') } as const;

/**
 * Cuts numbers from a PBX to the API's column sizes (ANI/DNIS 20, CALLID
 * 16) and names what was cut. An adapter pushing events is told when a value
 * is too long; a PBX event socket cannot be told, and a recording row that
 * cannot be stored loses more than a cut number.
 */
export function fitCallData(data: CallData): { data: CallData; clipped: string[] } {
  const fitted: CallData = { ...data };
  const clipped: string[] = [];
  for (const key of ['ani', 'dnis', 'callId'] as const) {
    const value = fitted[key];
    if (value === undefined || value.length <= LIMITS[key]) continue;
    clipped.push(`${key} '${value}'`);
    fitted[key] = value.slice(0, LIMITS[key]);
  }
  return { data: fitted, clipped };
}
