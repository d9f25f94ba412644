// The one sign-off step the viewer's role may take on a target: propose (the
// academy or the trust), record the local governing board's review, or record
// the trust board's agreement; the board's steps need the date it met.
import { useState } from "react";
import { Button, Field, Input } from "@fluentui/react-components";
import {
  AGREE_TARGET,
  PROPOSE_TARGET,
  REVIEW_TARGET,
  type CardTarget,
  type SignOffStep,
} from "../api/index.js";
import { FailureMessage } from "../failure-message.js";
import { usePanelLayout } from "../panel-layout.js";
import { useSession } from "../session/session-context.js";
import { useAction } from "../use-action.js";
import { STEP_BUTTON } from "./target-statuses.js";
import { STEP_RULES } from "../../../server/shared/index.js";

const DOCUMENT: Readonly<Record<SignOffStep, string>> = {
  propose: PROPOSE_TARGET,
  review: REVIEW_TARGET,
  agree: AGREE_TARGET,
};

export function TargetStatusForm({
  target,
  step,
  onSaved,
  onCancel,
}: {
  readonly target: CardTarget;
  readonly step: SignOffStep;
  readonly onSaved: () => void;
  readonly onCancel: () => void;
}) {
  const layout = usePanelLayout();
  const session = useSession();
  const [meetingOn, setMeetingOn] = useState("");
  const rule = STEP_RULES[step];
  const [body, setBody] = useState(rule.defaultBodyName);
  const meeting = rule.needsMeeting;

  const [save, state] = useAction(async () => {
    if (meeting && meetingOn.trim() === "") throw new Error("Date the board met: enter it.");
    await session.client.request(DOCUMENT[step], {
      id: target.id,
      expectedVersion: target.version,
      ...(meeting ? { meetingOn: meetingOn.trim(), body: body.trim() || null } : {}),
    });
    onSaved();
  });

  return (
    <div className={layout.section}>
      {meeting ? (
        <>
          <Field label="Date the board met" required hint="e.g. 2025-10-14">
            <Input
              type="date"
              size="small"
              value={meetingOn}
              onChange={(_, data) => setMeetingOn(data.value)}
            />
          </Field>
          <Field
            label="Board"
            hint={step === "review" ? "LGB, or your own name for it" : undefined}
          >
            <Input size="small" value={body} onChange={(_, data) => setBody(data.value)} />
          </Field>
        </>
      ) : null}
      <FailureMessage title="Not recorded" error={state.error} />
      <div className={layout.actions}>
        <Button appearance="primary" size="small" onClick={() => void save()} disabled={state.busy}>
          {STEP_BUTTON[step]}
        </Button>
        <Button size="small" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
