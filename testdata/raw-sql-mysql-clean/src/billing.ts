// mysql2: execute() with ? placeholders, query() with an options object, backticks.
import mysql from "mysql2/promise";

const pool = mysql.createPool({ uri: process.env.DATABASE_URL });

export async function customer(id: number) {
  const [rows] = await pool.execute("SELECT `id`, `email`, `name` FROM `customers` WHERE `id` = ?", [id]);
  return rows;
}

export async function createInvoice(customerId: number, number: string, amountCents: number) {
  await pool.execute(
    "INSERT INTO invoices SET customer_id = ?, number = ?, amount_cents = ?",
    [customerId, number, amountCents],
  );
}

export async function markPaid(number: string) {
  await pool.query({
    sql: "UPDATE invoices SET paid_at = NOW() WHERE number = ?",
    values: [number],
  });
}

export async function addToMonth(customerId: number, month: string, cents: number) {
  await pool.execute(
    `INSERT INTO monthly_totals (customer_id, month, amount_cents) VALUES (?, ?, ?)
     ON DUPLICATE KEY UPDATE amount_cents = amount_cents + VALUES(amount_cents)`,
    [customerId, month, cents],
  );
}

export async function refund(invoiceId: number, cents: number) {
  await pool.execute("INSERT INTO refunds (invoice_id, amount_cents) VALUES (?, ?)", [invoiceId, cents]);
}

export async function unpaid() {
  const [rows] = await pool.query(
    "SELECT c.email, i.number, DATEDIFF(NOW(), c.created_at) AS age FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.paid_at IS NULL ORDER BY age DESC",
  );
  return rows;
}
