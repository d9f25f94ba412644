// Badges for a target's RAG rating and status; the words are always shown,
// so colour is never the only signal.
import { Badge } from "@fluentui/react-components";
import { statusWords } from "../words.js";

const RAG = {
  green: { color: "success", text: "Green: on track" },
  amber: { color: "warning", text: "Amber: within tolerance" },
  red: { color: "danger", text: "Red: off track" },
} as const;

export function RagBadge({ rag }: { readonly rag: string | null }) {
  const known = rag === "green" || rag === "amber" || rag === "red" ? RAG[rag] : null;
  return (
    <Badge
      appearance="filled"
      color={known?.color ?? "informative"}
      shape="rounded"
      aria-label={`RAG ${known?.text ?? "no measurement yet"}`}
    >
      {known?.text ?? "No data yet"}
    </Badge>
  );
}

export function StatusBadge({ status }: { readonly status: string }) {
  return (
    <Badge
      appearance="outline"
      color={status === "agreed" ? "brand" : "informative"}
      shape="rounded"
      aria-label={`Status ${statusWords(status).toLowerCase()}`}
    >
      {statusWords(status)}
    </Badge>
  );
}
