// Academy cards: choose an academy and a year; see its designation, each
// target with status, RAG, progress bar and measurements; change targets and
// record measurements where the role allows; insert the card as a worksheet
// with a native Excel chart; open the card or the trust overview as a board
// paper to print. An open card follows the server live: a
// measurement or target recorded anywhere shows without a reload.
import { useEffect, useState } from "react";
import {
  Badge,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
} from "@fluentui/react-components";
import {
  ACADEMY_CARD,
  ACADEMY_YEARS,
  type AcademyCard,
  academyCardOf,
  type AcademySummary,
} from "../api/index.js";
import { FailureMessage } from "../failure-message.js";
import { usePanelLayout } from "../panel-layout.js";
import { useSession } from "../session/session-context.js";
import { useAction } from "../use-action.js";
import { insertCardSheet } from "../excel/insert-card-sheet.js";
import { withWorkbook } from "../excel/run-excel.js";
import { AcademyPicker } from "./academy-picker.js";
import { cardSheetOf } from "./card-sheet-of.js";
import { TargetForm } from "./target-form.js";
import { SupportSection } from "./support-section.js";
import { TargetItem } from "./target-item.js";
import { useLiveCard } from "./use-live-card.js";
import { BoardPaperButtons } from "../papers/board-paper-buttons.js";
import { recentAcademicYears } from "../../../server/shared/index.js";

export function AcademyCardPanel() {
  const layout = usePanelLayout();
  const session = useSession();
  const [academy, setAcademy] = useState<AcademySummary | null>(null);
  const [years, setYears] = useState<string[]>(recentAcademicYears(new Date()));
  const [year, setYear] = useState(years[0]!);
  const [card, setCard] = useState<AcademyCard | null>(null);
  const [adding, setAdding] = useState(false);
  const [inserted, setInserted] = useState<string | null>(null);

  const [loadCard, cardState] = useAction(async (urn: string, forYear: string) => {
    const data = await session.client.request(ACADEMY_CARD, {
      urn,
      year: forYear,
    });
    // Null only with NOT_FOUND in errors, which request() has thrown already.
    setCard(data.academyCard && academyCardOf(data.academyCard));
  });

  /** A new academy: offer the years it has evidence for, and open the latest. */
  const [choose, chooseState] = useAction(async (chosen: AcademySummary) => {
    setAcademy(chosen);
    setCard(null);
    setInserted(null);
    const data = await session.client.request(ACADEMY_YEARS, {
      urn: chosen.urn,
    });
    const withEvidence = (data.academy?.evidence ?? []).map((record) => record.year);
    const offered = [...new Set([...recentAcademicYears(new Date()), ...withEvidence])]
      .sort()
      .reverse();
    const latest = withEvidence.sort().reverse()[0] ?? offered[0]!;
    setYears(offered);
    setYear(latest);
    await loadCard(chosen.urn, latest);
  });

  const [insert, insertState] = useAction(async () => {
    if (!card) return;
    setInserted(await withWorkbook((context) => insertCardSheet(context, cardSheetOf(card))));
  });

  const live = useLiveCard(academy?.urn ?? null, setCard, () => {
    if (academy) void loadCard(academy.urn, year);
  });

  useEffect(() => {
    if (session.status !== "connected") {
      setAcademy(null);
      setCard(null);
    }
  }, [session.status]);

  if (session.status !== "connected") {
    return (
      <div className={layout.panel}>
        <Text>Connect to the server first (the Connect tab).</Text>
      </div>
    );
  }

  const reload = () => academy && void loadCard(academy.urn, year);

  return (
    <div className={layout.panel}>
      <h2 className={layout.heading}>Academy card</h2>
      <AcademyPicker selected={academy} onSelect={(chosen) => void choose(chosen)} />
      <Field label="Year">
        <Select
          value={year}
          onChange={(_, data) => {
            setYear(data.value);
            if (academy) void loadCard(academy.urn, data.value);
          }}
        >
          {years.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </Select>
      </Field>
      <FailureMessage
        title="Could not open the card"
        error={chooseState.error ?? cardState.error}
      />
      {cardState.busy || chooseState.busy ? <Spinner size="tiny" label="Loading the card" /> : null}
      {card && live ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{live}</MessageBarBody>
        </MessageBar>
      ) : null}

      {card ? (
        <section
          className={layout.section}
          aria-label={`Card of ${card.academy.name}, ${card.year}`}
        >
          <Text weight="semibold" size={400}>
            {card.academy.name}
          </Text>
          <Text size={200} className={layout.muted}>
            URN {card.academy.urn}, {card.academy.phase}, {card.year}
          </Text>
          <div className={layout.actions}>
            <Text size={200}>Designation:</Text>
            {card.designation?.level ? (
              <Badge appearance="tint" color="brand" shape="rounded">
                {card.designation.level.label}
              </Badge>
            ) : (
              <Text size={200}>not designated yet</Text>
            )}
            {card.designation ? (
              <Badge
                appearance="outline"
                shape="rounded"
                color={
                  card.designation.status === "AGREED"
                    ? "success"
                    : card.designation.status === "REVIEW_SUGGESTED"
                      ? "warning"
                      : "informative"
                }
              >
                {card.designation.status === "AGREED"
                  ? "Agreed"
                  : card.designation.status === "REVIEW_SUGGESTED"
                    ? "Review suggested"
                    : card.designation.provisional
                      ? "Provisional"
                      : "Not yet agreed"}
              </Badge>
            ) : null}
          </div>
          {card.designation ? (
            <Text size={200} className={layout.muted}>
              {card.designation.statusText}
              {card.designation.timeInLevel?.flag ? `; ${card.designation.timeInLevel.flag}` : ""}
              {card.designation.support.length > 0
                ? `. Support: ${card.designation.support.length} entitlements`
                : ""}
            </Text>
          ) : null}
          <div className={layout.actions}>
            <Button onClick={() => void insert()} disabled={insertState.busy}>
              Insert card sheet
            </Button>
            {session.can("editTargets") && !adding ? (
              <Button onClick={() => setAdding(true)}>Add a target</Button>
            ) : null}
          </div>
          <FailureMessage title="Could not insert the sheet" error={insertState.error} />
          <BoardPaperButtons urn={card.academy.urn} year={card.year} />
          {inserted ? (
            <MessageBar intent="success">
              <MessageBarBody>
                Inserted the sheet “{inserted}” with a chart of progress against target.
              </MessageBarBody>
            </MessageBar>
          ) : null}
          {adding ? (
            <TargetForm
              urn={card.academy.urn}
              year={card.year}
              takenMetrics={card.targets.map((target) => target.metric)}
              onSaved={() => {
                setAdding(false);
                reload();
              }}
              onCancel={() => setAdding(false)}
            />
          ) : null}
          <SupportSection urn={card.academy.urn} year={card.year} />
          {card.targets.length === 0 ? (
            <Text size={200}>No targets for {card.year} yet.</Text>
          ) : (
            card.targets.map((target) => (
              <TargetItem key={target.id} target={target} onChanged={reload} />
            ))
          )}
        </section>
      ) : null}
    </div>
  );
}
