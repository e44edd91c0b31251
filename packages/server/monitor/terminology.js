import { webApi, textOf } from './web-api.js';

/**
 * The site's names for its fields (FETCHTERMINOLOGY; config `terminology`),
 * keyed by lower-case NAME: deviceid, devicealias, ani, dnis, agent, gate,
 * group, callcopygroup, user1 … user15. Elements marked `data-term` take the
 * renamed label; code asks `label(name, fallback)`.
 */
export class Terminology {
  /** @type {Map<string, string>} */
  terms = new Map();

  async load() {
    const result = await webApi('FETCHTERMINOLOGY');
    const terms = new Map();
    for (const term of result.getElementsByTagName('TERMINOLOGY')) terms.set(textOf(term, 'NAME').toLowerCase(), textOf(term, 'VALUE'));
    this.terms = terms;
    for (const el of document.querySelectorAll('[data-term]')) {
      const renamed = terms.get(el.dataset.term);
      if (renamed) el.textContent = renamed;
    }
  }

  /** The label of field `name`: the site's, else `fallback`. */
  label(name, fallback = name) {
    return this.terms.get(name) || fallback;
  }
}

/** The call fields beyond the table's columns, in order: [term name, event data name]. */
export const EXTRA_FIELDS = [
  ['gate', 'GATE'],
  ['group', 'GROUP'],
  ...Array.from({ length: 15 }, (_, i) => [`user${i + 1}`, `USER${i + 1}`]),
];

/** Default labels of the extra fields when the table has no entry (USER3 …). */
export function defaultLabel(name) {
  return /^user\d+$/.test(name) ? name.toUpperCase() : name.charAt(0).toUpperCase() + name.slice(1);
}
