/**
 * `npm run bench`: runs every benchmark module and prints one JSON line per figure
 * ({name, value, unit, baseline, ratio, target, ...}). Not a test: nothing here fails CI.
 * Add a workflow's benchmark by importing it and appending it to BENCHMARKS.
 * `npm run bench -- ledger` runs only benchmarks whose name contains "ledger".
 */
import { ledgerBenchmarks } from './ledger.bench';
import { syncBenchmarks } from './sync.bench';
import { couponBenchmarks } from './coupons.bench';
import { settlementBenchmarks } from './settlement.bench';
import { integrityBenchmarks } from './integrity.bench';
import { catalogImportBenchmarks } from './catalog-import.bench';
import { referenceBenchmarks } from './reference.bench';
import { cardsBenchmarks } from './cards.bench';

export interface BenchLine {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  target?: string;
  met?: boolean;
  [extra: string]: unknown;
}

export interface Benchmark {
  name: string;
  run(emit: (line: BenchLine) => void): Promise<void> | void;
}

const BENCHMARKS: Benchmark[] = [...ledgerBenchmarks, ...syncBenchmarks, ...couponBenchmarks, ...settlementBenchmarks, ...integrityBenchmarks, ...catalogImportBenchmarks, ...referenceBenchmarks, ...cardsBenchmarks];

const filter = process.argv[2];
for (const b of BENCHMARKS) {
  if (filter && !b.name.includes(filter)) continue;
  await b.run((line) => console.log(JSON.stringify(line)));
}
