// The card's support and calendar: each counted entitlement used of allocated
// ("CEO visit: 1 of 1 visit this half term", with Behind / Over flagged), the
// meetings and visits of this half term and the next (London times), and, for
// trust admins and leaders, a form to record a visit or day of support.
import { useEffect, useState } from "react";
import { Badge, Button, Spinner, Text } from "@fluentui/react-components";
import { ACADEMY_SUPPORT, type CalendarEventItem, type SupportUseItem } from "../api/index.js";
import { FailureMessage } from "../failure-message.js";
import { usePanelLayout } from "../panel-layout.js";
import { useSession } from "../session/session-context.js";
import { useAction } from "../use-action.js";
import { periodWords } from "../words.js";
import { wordOf } from "../../shared/enum-words.js";
import { endOfAcademicYear } from "../../../server/shared/index.js";
import { SupportForm } from "./support-form.js";
import { deliveryBadge, kindWords, thisAndNextHalfTerm, whenWords } from "./support-words.js";

/** How many of a half term's events the pane lists before "and N more". */
const SHOWN = 8;

export function SupportSection({ urn, year }: { readonly urn: string; readonly year: string }) {
  const layout = usePanelLayout();
  const session = useSession();
  const [events, setEvents] = useState<readonly CalendarEventItem[]>([]);
  const [uses, setUses] = useState<readonly SupportUseItem[]>([]);
  const [recording, setRecording] = useState(false);
  const today = new Date().toISOString().slice(0, 10);
  const lastDay = endOfAcademicYear(year);
  const asAt = today > lastDay ? lastDay : today;

  const [load, state] = useAction(async () => {
    const data = await session.client.request(ACADEMY_SUPPORT, { urn, year });
    setEvents(data.reviewCalendar);
    setUses(data.academyCard?.supportUse ?? []);
  });

  useEffect(() => {
    setRecording(false);
    void load();
    // Read again when the card changes academy or year (load reads both).
  }, [urn, year]);

  const halves = thisAndNextHalfTerm(events, asAt);

  return (
    <section className={layout.section} aria-label="Support and calendar">
      <Text weight="semibold">Support used of allocated</Text>
      <FailureMessage title="Could not read the support and calendar" error={state.error} />
      {state.busy ? <Spinner size="tiny" label="Loading support" /> : null}
      {uses.length === 0 && !state.busy ? (
        <Text size={200}>No support to count: the academy has no designation for {year}.</Text>
      ) : (
        <ul className={layout.list} aria-label="Support used of allocated">
          {uses.map((use) => {
            const badge = deliveryBadge(use.status);
            return (
              <li key={use.activity}>
                <Text size={200}>{use.words} </Text>
                <Badge appearance="tint" shape="rounded" color={badge.color} title={badge.title}>
                  {badge.label}
                </Badge>
              </li>
            );
          })}
        </ul>
      )}
      {session.can("recordSupport") && uses.length > 0 && !recording ? (
        <div className={layout.actions}>
          <Button size="small" onClick={() => setRecording(true)}>
            Record a visit
          </Button>
        </div>
      ) : null}
      {recording ? (
        <SupportForm
          urn={urn}
          uses={uses}
          defaultDay={asAt}
          onSaved={() => {
            setRecording(false);
            void load();
          }}
          onCancel={() => setRecording(false)}
        />
      ) : null}
      {halves.map(({ halfTerm, events: inHalf }, index) => (
        <div key={halfTerm} className={layout.section}>
          <Text weight="semibold">
            {index === 0 ? "This half term" : "Next half term"} ({periodWords(wordOf(halfTerm))})
          </Text>
          {inHalf.length === 0 ? (
            <Text size={200} className={layout.muted}>
              Nothing more this half term.
            </Text>
          ) : (
            <ul
              className={layout.list}
              aria-label={`Meetings and visits, ${periodWords(wordOf(halfTerm))}`}
            >
              {inHalf.slice(0, SHOWN).map((event) => (
                <li key={event.id}>
                  <Text size={200}>
                    {whenWords(event.date, event.start)}:{" "}
                    {event.entitlement ?? kindWords(event.kind)}
                  </Text>
                  <Text size={200} className={layout.muted}>
                    {" "}
                    ({event.detail})
                  </Text>
                </li>
              ))}
              {inHalf.length > SHOWN ? (
                <li>
                  <Text size={200} className={layout.muted}>
                    and {inHalf.length - SHOWN} more
                  </Text>
                </li>
              ) : null}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}
