export function sql(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, s, i) => out + s + (values[i] ?? ""), "");
}

export const orderBy = sql`ORDER BY ${"created_at"} DESC`;
export const now = sql`now()`;
