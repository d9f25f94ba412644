// Choosing an academy: the trust's academies (the ones the token may see),
// filtered as the user types a name or URN.
import { useEffect, useMemo, useState } from "react";
import { Combobox, Field, Option } from "@fluentui/react-components";
import {
  ACADEMIES,
  academySummaryOf,
  type AcademiesResult,
  type AcademySummary,
} from "../api/index.js";
import { FailureMessage } from "../failure-message.js";
import { useSession } from "../session/session-context.js";
import { useAction } from "../use-action.js";

const PAGE = 500;

function describe(academy: AcademySummary): string {
  return `${academy.name} (${academy.urn})`;
}

export function AcademyPicker({
  selected,
  onSelect,
}: {
  readonly selected: AcademySummary | null;
  readonly onSelect: (academy: AcademySummary) => void;
}) {
  const { client, status } = useSession();
  const [academies, setAcademies] = useState<AcademySummary[]>([]);
  const [query, setQuery] = useState("");

  const [load, state] = useAction(async () => {
    const all: AcademySummary[] = [];
    let after: string | null = null;
    for (;;) {
      const page: AcademiesResult = await client.request(ACADEMIES, {
        first: PAGE,
        after,
      });
      all.push(...page.academies.edges.map((edge) => academySummaryOf(edge.node)));
      if (!page.academies.pageInfo.hasNextPage) break;
      after = page.academies.pageInfo.endCursor;
    }
    setAcademies(all);
  });

  useEffect(() => {
    if (status === "connected") void load();
  }, [status, client, load]);

  const shown = useMemo(() => {
    const words = query.trim().toLowerCase();
    if (words === "" || (selected && query === describe(selected))) return academies;
    return academies.filter(
      (academy) => academy.name.toLowerCase().includes(words) || academy.urn.startsWith(words),
    );
  }, [academies, query, selected]);

  return (
    <>
      <Field label="Academy" hint={`${academies.length} academies; type a name or URN to filter.`}>
        <Combobox
          placeholder="Choose an academy"
          value={query}
          selectedOptions={selected ? [selected.urn] : []}
          onChange={(event) => setQuery(event.target.value)}
          onOptionSelect={(_, data) => {
            const academy = academies.find((candidate) => candidate.urn === data.optionValue);
            if (academy) {
              setQuery(describe(academy));
              onSelect(academy);
            }
          }}
        >
          {shown.map((academy) => (
            <Option key={academy.urn} value={academy.urn} text={describe(academy)}>
              {describe(academy)}
            </Option>
          ))}
          {shown.length === 0 ? (
            <Option disabled value="" text="No academy matches">
              No academy matches
            </Option>
          ) : null}
        </Combobox>
      </Field>
      <FailureMessage title="Could not list the academies" error={state.error} />
    </>
  );
}
