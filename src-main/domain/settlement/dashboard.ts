// The manager's dashboard: today so far and the last 30 days, from the same day figures as the
// reports (sales per workflow per day, sales per hour), folded here.
import { addDays, type Day } from './business-day';

export interface DashboardRow {
  day: Day;
  kind: 'sale' | 'hour';
  key: string;
  count: number;
  amount: number;
}

export interface Dashboard {
  today: Day;
  from: Day;
  /** Per hour of the store's clock: today's sales, and the 30-day average per day. */
  hours: { hour: string; todayCount: number; todayAmount: number; averageCount: number; averageAmount: number }[];
  /** Per day (oldest first), sales per workflow. */
  days: { day: Day; total: number; tickets: number; byWorkflow: Record<string, number> }[];
  workflows: { workflow: string; count: number; amount: number; todayCount: number; todayAmount: number }[];
  /** The three hours with most tickets over the 30 days, busiest first. */
  busiestHours: { hour: string; count: number }[];
  averageTicket: { today: number; days30: number };
  totals: { today: number; todayTickets: number; days30: number; tickets30: number };
}

export const DASHBOARD_DAYS = 30;

export function dashboardRange(today: Day): { from: Day; to: Day } {
  return { from: addDays(today, -(DASHBOARD_DAYS - 1)), to: today };
}

export function foldDashboard(rows: DashboardRow[], today: Day): Dashboard {
  const { from } = dashboardRange(today);
  const hours = Array.from({ length: 24 }, (_, h) => ({ hour: String(h).padStart(2, '0'), todayCount: 0, todayAmount: 0, count: 0, amount: 0 }));
  const days = new Map<Day, { day: Day; total: number; tickets: number; byWorkflow: Record<string, number> }>();
  for (let d = from; d <= today; d = addDays(d, 1)) days.set(d, { day: d, total: 0, tickets: 0, byWorkflow: {} });
  const workflows = new Map<string, { workflow: string; count: number; amount: number; todayCount: number; todayAmount: number }>();
  for (const r of rows) {
    if (r.day < from || r.day > today) continue;
    if (r.kind === 'hour') {
      const h = hours[Number(r.key)];
      if (!h) continue;
      h.count += r.count;
      h.amount += r.amount;
      if (r.day === today) {
        h.todayCount += r.count;
        h.todayAmount += r.amount;
      }
      continue;
    }
    const d = days.get(r.day)!;
    d.total += r.amount;
    d.tickets += r.count;
    d.byWorkflow[r.key] = (d.byWorkflow[r.key] ?? 0) + r.amount;
    const w = workflows.get(r.key) ?? { workflow: r.key, count: 0, amount: 0, todayCount: 0, todayAmount: 0 };
    w.count += r.count;
    w.amount += r.amount;
    if (r.day === today) {
      w.todayCount += r.count;
      w.todayAmount += r.amount;
    }
    workflows.set(r.key, w);
  }
  const list = [...days.values()];
  const todayRow = days.get(today)!;
  const total30 = list.reduce((a, d) => a + d.total, 0);
  const tickets30 = list.reduce((a, d) => a + d.tickets, 0);
  return {
    today,
    from,
    hours: hours.map((h) => ({ hour: h.hour, todayCount: h.todayCount, todayAmount: h.todayAmount, averageCount: Math.round(h.count / DASHBOARD_DAYS), averageAmount: Math.floor(h.amount / DASHBOARD_DAYS) })),
    days: list,
    workflows: [...workflows.values()].sort((a, b) => b.amount - a.amount),
    busiestHours: hours
      .filter((h) => h.count > 0)
      .sort((a, b) => b.count - a.count || a.hour.localeCompare(b.hour))
      .slice(0, 3)
      .map((h) => ({ hour: h.hour, count: h.count })),
    // Averages are figures to read, rounded down to a whole minor unit; never money to post.
    averageTicket: { today: todayRow.tickets ? Math.floor(todayRow.total / todayRow.tickets) : 0, days30: tickets30 ? Math.floor(total30 / tickets30) : 0 },
    totals: { today: todayRow.total, todayTickets: todayRow.tickets, days30: total30, tickets30 },
  };
}
