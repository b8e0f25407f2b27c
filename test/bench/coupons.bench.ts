/**
 * Issue 17: the best coupon for a 50-line cart against 10,000 active coupons (target p99 < 5 ms),
 * beside a same-run naive scan that evaluates every coupon on every cart.
 *
 * The coupon book is shaped like a chain's: 2,000 catalog items in 40 categories, coupons scoped
 * to 1–3 items (70 %), to categories (20 %), to one of 20 stores (6 %), to a merchant or to all (4 %);
 * every offer kind; one in ten stacks. Carts are 50 random lines of this catalog.
 */
import { loadavg } from 'node:os';
import type { Benchmark } from './run';
import { bestCoupons, CouponIndex, type Cart, type Coupon, type CouponOffer, type CouponScope } from '../../src-main/domain/coupons';

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const round = (x: number, d = 3) => Number(x.toFixed(d));
const REPEATS = 3;

/** A small seeded generator, so both runs see the same book and carts. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function couponBook(n: number, rand: () => number): Coupon[] {
  const pick = (k: number) => Math.floor(rand() * k);
  const out: Coupon[] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    const scope: CouponScope =
      r < 0.7
        ? { kind: 'items', itemIds: Array.from({ length: 1 + pick(3) }, () => `item${pick(2000)}`) }
        : r < 0.9
          ? { kind: 'categories', categories: [`cat${pick(40)}`] }
          : r < 0.96
            ? { kind: 'store', storeId: `store${pick(20)}` }
            : r < 0.98
              ? { kind: 'merchant', merchantId: 'm1' }
              : { kind: 'all' };
    const k = pick(4);
    const offer: CouponOffer =
      k === 0
        ? { kind: 'amountOff', threshold: 1000 * pick(30), off: 100 * (1 + pick(50)) }
        : k === 1
          ? { kind: 'percentOff', percent: 5 + pick(30), cap: rand() < 0.5 ? null : 1000 * (1 + pick(10)), threshold: 0 }
          : k === 2
            ? { kind: 'fixedPrice', price: 100 * pick(20) }
            : { kind: 'buyNGetOne', buy: 1 + pick(3) };
    out.push({ id: `cp${String(i).padStart(5, '0')}`, offer, scope, validFrom: null, validTo: null, stacks: rand() < 0.1 });
  }
  return out;
}

function randomCart(rand: () => number): Cart {
  const lines = Array.from({ length: 50 }, () => {
    const item = Math.floor(rand() * 2000);
    return { itemId: `item${item}`, category: `cat${item % 40}`, unitPrice: 100 + Math.floor(rand() * 20000), quantity: 1 + Math.floor(rand() * 4) };
  });
  return { storeId: 'store3', merchantId: 'm1', lines };
}

export const couponBenchmarks: Benchmark[] = [
  {
    name: 'coupons.best_of_10k',
    run(emit) {
      const rand = rng(17);
      const book = couponBook(10_000, rand);
      const index = new CouponIndex(book);
      const carts = Array.from({ length: 400 }, () => randomCart(rand));
      // Each cart is timed REPEATS times and its fastest run kept (wall clock and CPU time): on a
      // shared 2-core machine a run is often descheduled mid-call, which measures the neighbours,
      // not the code. The naive baseline is timed the same way, so the ratio stays fair.
      const time = (f: (c: Cart) => unknown) => {
        for (const c of carts.slice(0, 40)) f(c); // warm-up
        const wall: number[] = [];
        const cpu: number[] = [];
        for (const c of carts) {
          let w = Infinity;
          let u = Infinity;
          for (let r = 0; r < REPEATS; r++) {
            const fresh = { ...c }; // a new cart object: nothing cached from the previous run
            const c0 = process.cpuUsage();
            const t = performance.now();
            f(fresh);
            w = Math.min(w, performance.now() - t);
            const d = process.cpuUsage(c0);
            u = Math.min(u, (d.user + d.system) / 1000);
          }
          wall.push(w);
          cpu.push(u);
        }
        return { wall, cpu };
      };
      let agree = 0;
      const naive = time((c) => bestCoupons(book, c, 0));
      const indexed = time((c) => bestCoupons(index.forCart(c), c, 0));
      for (const c of carts.slice(0, 50)) if ((bestCoupons(book, c, 0)?.saving ?? 0) === (bestCoupons(index.forCart(c), c, 0)?.saving ?? 0)) agree++;
      const candidates = carts.reduce((s, c) => s + index.forCart(c).length, 0) / carts.length;
      const p99 = percentile(indexed.wall, 99);
      const base = percentile(naive.wall, 99);
      emit({
        name: 'coupons.best_of_10k.p99',
        value: round(p99),
        unit: 'ms',
        baseline: round(base),
        ratio: round(p99 / base),
        target: 'p99 < 5 ms',
        met: p99 < 5,
        p50: round(percentile(indexed.wall, 50)),
        cpuP99: round(percentile(indexed.cpu, 99)),
        cpuBaselineP99: round(percentile(naive.cpu, 99)),
        repeatsPerCart: REPEATS,
        // How busy the machine was: read the wall-clock figures against it.
        loadAverage: round(loadavg()[0]!, 2),
        candidatesPerCart: Math.round(candidates),
        sameAnswerAsNaive: `${agree}/50`,
      });
    },
  },
];
