import { randomUUID } from 'node:crypto';
import { tierProblems } from '../../src-main/domain/member-cards';
import type { CardProductView, CardTerms } from '../../src-main/domain/member-cards/protocol';
import type { ServerDb, Sql } from '../db';
import { cardHttpError } from './errors';

/**
 * The card products a merchant sells. A product's terms are copied onto each card at sale
 * (member_card.terms), so an edit here changes what is sold from now on, never a card sold before.
 */
interface ProductRow {
  id: string;
  merchant_id: string;
  name: string;
  terms: string;
  active: number | string | boolean;
}

export function productView(r: ProductRow): CardProductView {
  return { id: r.id, merchantId: r.merchant_id, name: r.name, active: Number(r.active) === 1 || r.active === true, terms: JSON.parse(r.terms) as CardTerms };
}

/** The merchant's own tier rules (positive pay, bonus below pay, one tier per pay), as typed errors. */
function checkTerms(terms: CardTerms): void {
  if (terms.kind !== 'stored') return;
  const problems = tierProblems(terms.tiers);
  if (problems.length) throw cardHttpError('INVALID_INPUT', `Recharge tier ${problems[0]!.index + 1}: ${problems[0]!.reason === 'range' ? 'the bonus must be below the amount paid' : 'two tiers have the same amount'}.`);
}

export async function findProduct(sql: Sql, id: string): Promise<CardProductView | null> {
  const r = await sql.one<ProductRow>(`SELECT id, merchant_id, name, terms, active FROM card_product WHERE id = ?`, [id]);
  return r ? productView(r) : null;
}

export async function merchantProducts(sql: Sql, merchantId: string, activeOnly: boolean): Promise<CardProductView[]> {
  const rows = await sql.all<ProductRow>(`SELECT id, merchant_id, name, terms, active FROM card_product WHERE merchant_id = ? ${activeOnly ? 'AND active = 1' : ''} ORDER BY created_at, id`, [merchantId]);
  return rows.map(productView);
}

export async function createProduct(db: ServerDb, merchantId: string, input: { name: string; terms: CardTerms }, now: Date, id: string = randomUUID()): Promise<CardProductView> {
  checkTerms(input.terms);
  return db.tx(async (sql) => {
    if (!(await sql.one(`SELECT id FROM merchant WHERE id = ?`, [merchantId]))) throw cardHttpError('MERCHANT_NOT_FOUND', 'No such merchant.');
    await sql.run(`INSERT INTO card_product (id, merchant_id, name, kind, terms, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (id) DO NOTHING`, [
      id,
      merchantId,
      input.name,
      input.terms.kind,
      JSON.stringify(input.terms),
      now.toISOString(),
      now.toISOString(),
    ]);
    return (await findProduct(sql, id))!;
  });
}

/** Edits a product (name, terms of the same kind, on sale or not); cards already sold keep theirs. */
export async function updateProduct(db: ServerDb, id: string, input: { name: string; terms: CardTerms; active: boolean }, now: Date): Promise<CardProductView> {
  checkTerms(input.terms);
  return db.tx(async (sql) => {
    const p = await findProduct(sql, id);
    if (!p) throw cardHttpError('PRODUCT_NOT_FOUND', 'No such card product.');
    if (p.terms.kind !== input.terms.kind) throw cardHttpError('INVALID_INPUT', 'A product keeps its kind; make a new product instead.');
    await sql.run(`UPDATE card_product SET name = ?, terms = ?, active = ?, updated_at = ? WHERE id = ?`, [input.name, JSON.stringify(input.terms), input.active ? 1 : 0, now.toISOString(), id]);
    return (await findProduct(sql, id))!;
  });
}
