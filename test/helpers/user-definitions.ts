/** A user's own instrument definition and norm, as `instruments check` and `norms check` take them. */

/** A valid YAML definition; `subscaleItems` "[a, c]" names an item it does not have (field subscales[1].items[2]). */
export function userInstrumentYaml(subscaleItems = '[a, b]'): string {
  return [
    'id: mine', 'name: Mine', 'version: "1"',
    'citation: {authors: [Me], year: 2024, title: T, source: S}',
    'licence: {name: own, wordingIncluded: false, notes: n}',
    'verification: {verified: true, sources: [me]}',
    'responseOptions: [{code: 1}, {code: 2}]',
    'items: [{id: a}, {id: b}]',
    `subscales: [{id: t, items: ${subscaleItems}, rule: {type: sum}}]`,
  ].join('\n');
}

/** A valid mean norm (id "x"); spread and change a field to make it invalid. */
export const USER_NORM = {
  id: 'x', label: 'X', kind: 'mean', instrument: 'brs', mean: 3.5, sd: 0.7, n: 40, scoring: 'mean', threshold: null,
  population: { description: 'team', country: 'England', n: 40 },
  citation: { authors: ['Us'], year: 2024, title: 'T', source: 'S' },
  verification: { how: 'own data', sources: ['internal'] },
};
