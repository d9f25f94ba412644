// Creating a target (as draft) or changing one: baseline, target and
// tolerance. Editing a proposed or reviewed target sends it back to draft; a
// change to an agreed target needs a reason and waits as a pending change for
// the boards, the agreed value staying in force.
import { useState } from "react";
import type { FormEvent } from "react";
import { Button, Field, Input, Select } from "@fluentui/react-components";
import { SET_TARGET, type CardTarget, type TargetInput } from "../api/index.js";
import { FailureMessage } from "../failure-message.js";
import { usePanelLayout } from "../panel-layout.js";
import { useSession } from "../session/session-context.js";
import { useAction } from "../use-action.js";
import { NumberField, readNumber } from "./number-field.js";
import { INDICATORS } from "../../../server/shared/index.js";

/** Metrics a target can be set on: indicators with a better direction. */
const TARGET_METRICS = INDICATORS.filter((indicator) => indicator.direction !== "none");

export function TargetForm({
  urn,
  year,
  target,
  takenMetrics,
  onSaved,
  onCancel,
}: {
  readonly urn: string;
  readonly year: string;
  /** The target to change; absent to create one. */
  readonly target?: CardTarget;
  /** Metrics that already have a target (not offered when creating). */
  readonly takenMetrics: readonly string[];
  readonly onSaved: () => void;
  readonly onCancel: () => void;
}) {
  const layout = usePanelLayout();
  const { client } = useSession();
  const free = TARGET_METRICS.filter((indicator) => !takenMetrics.includes(indicator.key));
  const [metric, setMetric] = useState(target?.metric ?? free[0]?.key ?? "");
  const [baseline, setBaseline] = useState(target ? String(target.baseline) : "");
  const [goal, setGoal] = useState(target ? String(target.target) : "");
  const [tolerance, setTolerance] = useState(
    target?.tolerance != null ? String(target.tolerance) : "",
  );
  const [reason, setReason] = useState("");
  const locked = target?.status === "agreed";

  const [save, state] = useAction(async () => {
    if (locked && reason.trim() === "")
      throw new Error("This target is agreed: say why it changes.");
    const input: TargetInput = {
      urn,
      year,
      metric,
      baseline: readNumber("Baseline", baseline, true)!,
      target: readNumber("Target", goal, true)!,
      tolerance: readNumber("Tolerance", tolerance, false),
      expectedVersion: target?.version ?? null,
      reason: reason.trim() || null,
    };
    await client.request(SET_TARGET, { input });
    onSaved();
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  return (
    <form
      className={layout.section}
      onSubmit={submit}
      aria-label={target ? `Change target ${target.metricLabel}` : "New target"}
    >
      {target ? null : (
        <Field label="Metric" required>
          <Select value={metric} onChange={(_, data) => setMetric(data.value)} size="small">
            {free.map((indicator) => (
              <option key={indicator.key} value={indicator.key}>
                {indicator.label}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <div className={layout.pair}>
        <NumberField label="Baseline" value={baseline} onChange={setBaseline} required />
        <NumberField label="Target" value={goal} onChange={setGoal} required />
      </div>
      <NumberField
        label="Tolerance"
        value={tolerance}
        onChange={setTolerance}
        hint="For amber; blank means a quarter of the gap."
      />
      {locked ? (
        <Field
          label="Reason for the change"
          required
          hint="The agreed value stays in force until the LGB reviews and the trust board agrees the change."
        >
          <Input value={reason} onChange={(_, data) => setReason(data.value)} size="small" />
        </Field>
      ) : null}
      <FailureMessage title="Not saved" error={state.error} />
      <div className={layout.actions}>
        <Button
          appearance="primary"
          type="submit"
          size="small"
          disabled={state.busy || metric === ""}
        >
          {target ? "Save target" : "Add target"}
        </Button>
        <Button size="small" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
