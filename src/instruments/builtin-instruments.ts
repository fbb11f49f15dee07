import { StaffwellError, } from '../errors.ts';
import { closestNames } from '../data/table.ts';
import { type InstrumentDefinition, parseInstrument } from './definition.ts';
import brs from './builtin/brs.ts';
import cbi from './builtin/cbi.ts';
import gad7 from './builtin/gad7.ts';
import ghq12 from './builtin/ghq12.ts';
import hse from './builtin/hse-indicator-tool.ts';
import mbiHss from './builtin/mbi-hss.ts';
import phq9 from './builtin/phq9.ts';
import proqol5 from './builtin/proqol5.ts';
import pss10 from './builtin/pss10.ts';
import swemwbs from './builtin/swemwbs.ts';
import uwes9 from './builtin/uwes9.ts';
import wcw from './builtin/warr-cook-wall.ts';
import wemwbs from './builtin/wemwbs.ts';

/** The built-in definitions, validated once on first use. */
const RAW: readonly [string, unknown][] = [
  ['builtin/ghq12.ts', ghq12],
  ['builtin/hse-indicator-tool.ts', hse],
  ['builtin/warr-cook-wall.ts', wcw],
  ['builtin/proqol5.ts', proqol5],
  ['builtin/cbi.ts', cbi],
  ['builtin/brs.ts', brs],
  ['builtin/phq9.ts', phq9],
  ['builtin/gad7.ts', gad7],
  ['builtin/pss10.ts', pss10],
  ['builtin/wemwbs.ts', wemwbs],
  ['builtin/swemwbs.ts', swemwbs],
  ['builtin/uwes9.ts', uwes9],
  ['builtin/mbi-hss.ts', mbiHss],
];

let cache: InstrumentDefinition[] | undefined;

function all(): InstrumentDefinition[] {
  cache ??= RAW.map(([src, doc]) => parseInstrument(doc, src));
  return cache;
}

/**
 * The built-in instrument definitions. Unverified ones (UWES-9, MBI-HSS "bring your own key") are left out unless
 * `includeUnverified` is set.
 */
export function builtinInstruments(options: { includeUnverified?: boolean } = {}): readonly InstrumentDefinition[] {
  return options.includeUnverified ? all() : all().filter((d) => d.verification.verified);
}

/** A built-in definition by id (verified or not), or a StaffwellError('not-found') suggesting close ids. */
export function findInstrument(id: string): InstrumentDefinition {
  const d = all().find((x) => x.id === id);
  if (d) return d;
  const near = closestNames(id, all().map((x) => x.id));
  throw new StaffwellError('not-found', `no built-in instrument "${id}"`, {
    value: id,
    hint: near.length
      ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}?`
      : `built-ins are ${all().map((x) => x.id).join(', ')}; or load your own definition file`,
  });
}
