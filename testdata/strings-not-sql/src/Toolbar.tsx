import { sql } from "./fragments";

export function Toolbar({ onSelect }: { onSelect: (value: string) => void }) {
  const fragment = sql`lower(${"name"})`;
  return (
    <div title="Select text from the page, then update the set">
      <button onClick={() => onSelect("delete from selection")}>Delete from selection</button>
      <p>{`Insert into the document, or update the set of ${fragment}`}</p>
    </div>
  );
}
