// Recording a measurement against a target's metric: period, value, whether
// it is provisional, and where it came from. The form says how it reads the
// value before it is saved ("read as 18.5%" for 0.185 of a percent metric),
// by the same rule the server reads it with.
import { useState } from "react";
import type { FormEvent } from "react";
import { Button, Checkbox, Field, Input, Select } from "@fluentui/react-components";
import { RECORD_MEASUREMENT, type CardTarget } from "../api/index.js";
import { enumValueIn } from "../../shared/enum-words.js";
import { Period } from "../../shared/graphql-types.generated.js";
import { FailureMessage } from "../failure-message.js";
import { usePanelLayout } from "../panel-layout.js";
import { useSession } from "../session/session-context.js";
import { useAction } from "../use-action.js";
import { NumberField, readNumber } from "./number-field.js";
import { periodWords } from "../words.js";
import { PERIODS, indicatorByKey, readMetricValue } from "../../../server/shared/index.js";

export function MeasurementForm({
  target,
  onSaved,
  onCancel,
}: {
  readonly target: CardTarget;
  readonly onSaved: () => void;
  readonly onCancel: () => void;
}) {
  const layout = usePanelLayout();
  const { client } = useSession();
  const [period, setPeriod] = useState<string>(PERIODS[0]!);
  const [value, setValue] = useState("");
  const [provisional, setProvisional] = useState(false);
  const [source, setSource] = useState("");

  const [recorded, setRecorded] = useState<string | null>(null);
  const reading = readingOf(target.metric, value);

  const [save, state] = useAction(async () => {
    setRecorded(null);
    const answer = await client.request(RECORD_MEASUREMENT, {
      input: {
        urn: target.urn,
        year: target.year,
        metric: target.metric,
        period: enumValueIn(Period, period),
        value: readNumber("Value", value, true)!,
        provisional,
        source: source.trim() || null,
      },
    });
    setRecorded(answer.recordMeasurement.readAs);
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
      aria-label={`Record a measurement of ${target.metricLabel}`}
    >
      <div className={layout.pair}>
        <Field label="Period" required>
          <Select value={period} onChange={(_, data) => setPeriod(data.value)} size="small">
            {PERIODS.map((name) => (
              <option key={name} value={name}>
                {periodWords(name)}
              </option>
            ))}
          </Select>
        </Field>
        <NumberField
          label="Value"
          value={value}
          onChange={setValue}
          required
          hint={reading ?? undefined}
        />
      </div>
      {recorded ? <span role="status">Recorded as {recorded}</span> : null}
      <Field label="Source">
        <Input
          value={source}
          onChange={(_, data) => setSource(data.value)}
          size="small"
          placeholder="e.g. MIS export"
        />
      </Field>
      <Checkbox
        label="Provisional"
        checked={provisional}
        onChange={(_, data) => setProvisional(data.checked === true)}
      />
      <FailureMessage title="Not recorded" error={state.error} />
      <div className={layout.actions}>
        <Button appearance="primary" type="submit" size="small" disabled={state.busy}>
          Record
        </Button>
        <Button size="small" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** "read as 18.5%" for a value the pane can read; null while the box is empty or not a number. */
export function readingOf(metric: string, text: string): string | null {
  const indicator = indicatorByKey(metric);
  if (!indicator || text.trim() === "" || !Number.isFinite(Number(text))) return null;
  const reading = readMetricValue(indicator, "value", Number(text));
  return reading.ok ? `read as ${reading.readAs}` : reading.problem.message;
}
