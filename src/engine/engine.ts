/**
 * The engine that reads survey codes and accumulates over them: 'wasm' reads the common shape of survey files
 * (one-digit codes, short group columns) through the WebAssembly coded lane (wasm-lane.ts) and feeds the
 * statistics from its chunks; 'js' reads every row with the JavaScript parser. Results are identical (the lane
 * takes only rows it reads exactly as the parser does, and its sums are integers; test/engine/coded-lane.test.ts
 * compares both). The statistics code reaches the lane only through the types of coded-lane.ts, the chunk a scan
 * hands it, and `sweepPatterns` (pattern-sweep.ts), which picks the version for the table it is given.
 *
 * Which engine: the `engine` option of a CSV read or scan (CsvOptions.engine, the services' `engine`), else the
 * STAFFWELL_ENGINE environment variable, else 'wasm'. Where WebAssembly SIMD is missing, 'wasm' reads as 'js'.
 */
import { StaffwellError } from '../errors.ts';
import type { CodedLaneSpec, CodedReader } from './coded-lane.ts';
import { MAX_LANE_COLUMNS, WasmLane, laneModule } from './wasm-lane.ts';

export type EngineName = 'wasm' | 'js';

export const ENGINE_NAMES: readonly EngineName[] = ['wasm', 'js'];

export interface Engine {
  readonly name: EngineName;
  /**
   * A coded-lane reader for one range scan of the file `spec` describes, or null: the engine has no lane (js),
   * this runtime cannot compile it, or there is no memory for it. The scan then uses the JavaScript parser alone.
   */
  codedReader(spec: CodedLaneSpec): CodedReader | null;
}

const js: Engine = { name: 'js', codedReader: () => null };

const wasm: Engine = {
  name: 'wasm',
  codedReader(spec) {
    if (spec.fields > MAX_LANE_COLUMNS) return null;
    const module = laneModule();
    if (!module) return null;
    try {
      return new WasmLane(spec, module);
    } catch {
      return null; // no memory for the lane (its memory cannot grow)
    }
  },
};

/** The engine named, else the one STAFFWELL_ENGINE names, else 'wasm'. */
export function engineNamed(name?: EngineName): Engine {
  const chosen = name ?? fromEnvironment();
  if (chosen === 'js') return js;
  if (chosen === 'wasm') return wasm;
  throw new StaffwellError('invalid-option', 'unknown engine', { field: 'engine', value: chosen, hint: `use one of ${ENGINE_NAMES.join(', ')}` });
}

function fromEnvironment(): EngineName {
  const v = process.env.STAFFWELL_ENGINE;
  if (v === undefined || v === '') return 'wasm';
  if ((ENGINE_NAMES as readonly string[]).includes(v)) return v as EngineName;
  throw new StaffwellError('invalid-option', 'unknown engine', {
    field: 'environment variable STAFFWELL_ENGINE',
    value: v,
    hint: `set it to one of ${ENGINE_NAMES.join(', ')}, or unset it`,
  });
}
