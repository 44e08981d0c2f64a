// The settings form of a "query" tile: the SQL runs against the user's own database
// connection, never against ours.
import { useState } from "react";

export const queryTileFields = [
  { name: "connection", label: "Connection", type: "select" },
  {
    name: "sql",
    label: "Query",
    type: "code",
    placeholder: "SELECT * FROM customers WHERE signed_up_at > now() - interval '7 days'",
  },
  { name: "refresh", label: "Refresh every (minutes)", type: "number", placeholder: "15" },
];

export function QueryTileSettings({ onSave }: { onSave: (sql: string) => void }) {
  const [sql, setSql] = useState("");
  return (
    <form onSubmit={() => onSave(sql)}>
      <textarea
        value={sql}
        onChange={(e) => setSql(e.target.value)}
        placeholder="SELECT region, sum(amount) FROM sales GROUP BY region"
      />
      <button type="submit">Save</button>
    </form>
  );
}
