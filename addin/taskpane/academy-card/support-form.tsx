// Recording a visit or day of support delivered against one of the academy's
// entitlements: which entitlement, the day, how much, who delivered it, what
// was done and notes. For trust admins and leaders.
import { useState } from "react";
import type { FormEvent } from "react";
import { Button, Field, Input, Select, Textarea } from "@fluentui/react-components";
import { RECORD_SUPPORT_DELIVERED, type SupportUseItem } from "../api/index.js";
import { FailureMessage } from "../failure-message.js";
import { usePanelLayout } from "../panel-layout.js";
import { useSession } from "../session/session-context.js";
import { useAction } from "../use-action.js";
import { NumberField, readNumber } from "./number-field.js";

export function SupportForm({
  urn,
  uses,
  defaultDay,
  onSaved,
  onCancel,
}: {
  readonly urn: string;
  readonly uses: readonly SupportUseItem[];
  /** Today, or the card's year's last day for a past year. */
  readonly defaultDay: string;
  readonly onSaved: () => void;
  readonly onCancel: () => void;
}) {
  const layout = usePanelLayout();
  const { client } = useSession();
  const activities = [...new Set(uses.map((use) => use.activity))];
  const [activity, setActivity] = useState(activities[0] ?? "");
  const [day, setDay] = useState(defaultDay);
  const [amount, setAmount] = useState("1");
  const [who, setWho] = useState("");
  const [what, setWhat] = useState("");
  const [notes, setNotes] = useState("");
  const unit = uses.find((use) => use.activity === activity)?.unit ?? "";

  const [save, state] = useAction(async () => {
    await client.request(RECORD_SUPPORT_DELIVERED, {
      input: {
        urn,
        activity,
        deliveredOn: day,
        quantity: readNumber("Amount", amount, true),
        deliveredBy: who,
        summary: what,
        notes: notes.trim() || null,
      },
    });
    onSaved();
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  return (
    <form className={layout.section} onSubmit={submit} aria-label="Record support delivered">
      <Field label="Entitlement" required>
        <Select
          className={layout.fill}
          value={activity}
          onChange={(_, data) => setActivity(data.value)}
          size="small"
        >
          {activities.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </Select>
      </Field>
      <div className={layout.pair}>
        <Field label="Day" required>
          <Input type="date" value={day} onChange={(_, data) => setDay(data.value)} size="small" />
        </Field>
        <NumberField label={`Amount (${unit})`} value={amount} onChange={setAmount} required />
      </div>
      <Field label="Delivered by" required>
        <Input
          value={who}
          onChange={(_, data) => setWho(data.value)}
          size="small"
          placeholder="e.g. Sam Patel (SIA)"
        />
      </Field>
      <Field label="What was done" required>
        <Input value={what} onChange={(_, data) => setWhat(data.value)} size="small" />
      </Field>
      <Field label="Notes">
        <Textarea value={notes} onChange={(_, data) => setNotes(data.value)} resize="vertical" />
      </Field>
      <FailureMessage title="Not recorded" error={state.error} />
      <div className={layout.actions}>
        <Button appearance="primary" type="submit" size="small" disabled={state.busy}>
          Record support
        </Button>
        <Button size="small" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
