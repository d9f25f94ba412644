// Moving a target along draft, proposed, reviewed, agreed: the statuses the
// role may set are offered; reopening an agreed target needs a reason.
import { useState } from "react";
import { Button, Field, Input, Select } from "@fluentui/react-components";
import { SET_TARGET_STATUS, type CardTarget, type SetTargetStatusResult } from "../api/index.js";
import { FailureMessage } from "../failure-message.js";
import { usePanelLayout } from "../panel-layout.js";
import { useSession } from "../session/session-context.js";
import { useAction } from "../use-action.js";
import { statusesAllowed } from "./target-statuses.js";

export function TargetStatusForm({
  target,
  onSaved,
  onCancel,
}: {
  readonly target: CardTarget;
  readonly onSaved: () => void;
  readonly onCancel: () => void;
}) {
  const layout = usePanelLayout();
  const session = useSession();
  const allowed = statusesAllowed(target, session.can);
  const [status, setStatus] = useState<string>(allowed[0] ?? "");
  const [reason, setReason] = useState("");
  const reopening = target.status === "agreed";

  const [save, state] = useAction(async () => {
    if (reopening && reason.trim() === "")
      throw new Error("Reopening an agreed target needs a reason.");
    await session.client.request<SetTargetStatusResult>(SET_TARGET_STATUS, {
      id: target.id,
      status,
      expectedVersion: target.version,
      reason: reason.trim() || null,
    });
    onSaved();
  });

  if (allowed.length === 0) return null;
  return (
    <div className={layout.section}>
      <Field label={`Move from ${target.status} to`}>
        <Select size="small" value={status} onChange={(_, data) => setStatus(data.value)}>
          {allowed.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </Select>
      </Field>
      {reopening ? (
        <Field label="Reason for reopening" required>
          <Input size="small" value={reason} onChange={(_, data) => setReason(data.value)} />
        </Field>
      ) : null}
      <FailureMessage title="Status not changed" error={state.error} />
      <div className={layout.actions}>
        <Button appearance="primary" size="small" onClick={() => void save()} disabled={state.busy}>
          Set status
        </Button>
        <Button size="small" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
