// One target on the card: status and RAG, progress towards the target as a
// bar, the figures behind it, its measurements, and the changes the role allows.
import { useState } from "react";
import {
  Button,
  Card,
  Field,
  ProgressBar,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { CardTarget } from "../api/index.js";
import { usePanelLayout } from "../panel-layout.js";
import { useSession } from "../session/session-context.js";
import { formatShare, formatValue } from "./metric-format.js";
import { MeasurementForm } from "./measurement-form.js";
import { RagBadge, StatusBadge } from "./rag-badge.js";
import { TargetForm } from "./target-form.js";
import { TargetStatusForm } from "./target-status-form.js";
import { signOffWords, STEP_BUTTON, stepFor } from "./target-statuses.js";
import { periodWords, statusWords } from "../words.js";

const useStyles = makeStyles({
  card: { rowGap: tokens.spacingVerticalS },
  title: { fontWeight: tokens.fontWeightSemibold },
  measurements: { color: tokens.colorNeutralForeground2 },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const BAR_COLOUR = { green: "success", amber: "warning", red: "error" } as const;

export function TargetItem({
  target,
  onChanged,
}: {
  readonly target: CardTarget;
  readonly onChanged: () => void;
}) {
  const styles = useStyles();
  const layout = usePanelLayout();
  const session = useSession();
  const [editing, setEditing] = useState<"target" | "measurement" | "status" | null>(null);
  const { progress } = target;
  const step = stepFor(target);
  const rag =
    progress.rag === "green" || progress.rag === "amber" || progress.rag === "red"
      ? progress.rag
      : null;
  const share = progress.gapClosed === null ? 0 : Math.min(1, Math.max(0, progress.gapClosed));
  const done = () => {
    setEditing(null);
    onChanged();
  };

  return (
    <Card className={styles.card} size="small" role="article" aria-label={target.metricLabel}>
      <Text className={styles.title}>{target.metricLabel}</Text>
      <div className={layout.actions}>
        <StatusBadge status={target.status} />
        <RagBadge rag={progress.rag} />
      </div>
      <Field
        label={`Gap closed: ${formatShare(progress.gapClosed)}${progress.gapClosed !== null && progress.gapClosed < 0 ? " (moving away from the target)" : ""}`}
      >
        <ProgressBar
          value={share}
          thickness="large"
          color={rag ? BAR_COLOUR[rag] : "brand"}
          aria-valuetext={formatShare(progress.gapClosed)}
        />
      </Field>
      <Text size={200}>
        Baseline {formatValue(target.metric, target.baseline)}, target{" "}
        {formatValue(target.metric, target.target)}, latest{" "}
        {formatValue(target.metric, progress.latest)}
        {progress.latestPeriod
          ? ` (${periodWords(progress.latestPeriod)}${progress.provisional ? ", provisional" : ""})`
          : ""}
      </Text>
      <Text size={200} className={layout.muted}>
        Expected by {progress.latestPeriod ? periodWords(progress.latestPeriod) : "now"}{" "}
        {formatValue(target.metric, progress.expected)}
        {progress.shortOfExpected
          ? ` (${formatValue(target.metric, progress.shortOfExpected)} short)`
          : ""}
        {progress.national === null
          ? "; no national comparison"
          : `; national ${formatValue(target.metric, progress.national)}${progress.nationalFigure ? ` (${progress.nationalFigure})` : ""}`}
      </Text>
      {target.signOff.length > 0 ? (
        <ul className={styles.steps} aria-label={`Sign-off of ${target.metricLabel}`}>
          {target.signOff.map((entry, index) => (
            <li key={index}>
              <Text size={200}>{signOffWords(entry)}</Text>
            </li>
          ))}
        </ul>
      ) : null}
      {target.pendingChange ? (
        <Text size={200} role="note" aria-label={`Change pending: ${target.metricLabel}`}>
          Change pending ({statusWords(target.pendingChange.status).toLowerCase()}): target{" "}
          {formatValue(target.metric, target.pendingChange.target)}
          {target.pendingChange.reason ? `, "${target.pendingChange.reason}"` : ""}. The agreed{" "}
          {formatValue(target.metric, target.target)} stays in force until the trust board agrees.
        </Text>
      ) : null}
      {target.measurements.length > 0 ? (
        <Text size={200} className={styles.measurements}>
          Measurements:{" "}
          {target.measurements
            .map(
              (measurement) =>
                `${periodWords(measurement.period)} ${measurement.readAs}${measurement.provisional ? " (provisional)" : ""}`,
            )
            .join(", ")}
        </Text>
      ) : (
        <Text size={200} className={styles.measurements}>
          No measurements yet.
        </Text>
      )}
      {editing === "target" ? (
        <TargetForm
          urn={target.urn}
          year={target.year}
          target={target}
          takenMetrics={[]}
          onSaved={done}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {editing === "measurement" ? (
        <MeasurementForm target={target} onSaved={done} onCancel={() => setEditing(null)} />
      ) : null}
      {editing === null ? (
        <div className={layout.actions}>
          {session.can("editTargets") ? (
            <Button
              size="small"
              onClick={() => setEditing("target")}
              aria-label={`Edit target: ${target.metricLabel}`}
            >
              Edit target
            </Button>
          ) : null}
          {session.can("recordMeasurements") ? (
            <Button
              size="small"
              onClick={() => setEditing("measurement")}
              aria-label={`Record measurement: ${target.metricLabel}`}
            >
              Record measurement
            </Button>
          ) : null}
          {step ? (
            <Button
              size="small"
              appearance="primary"
              onClick={() => setEditing("status")}
              aria-label={`${STEP_BUTTON[step]}: ${target.metricLabel}${target.pendingChange ? " (change)" : ""}`}
            >
              {STEP_BUTTON[step]}
            </Button>
          ) : null}
        </div>
      ) : null}
      {editing === "status" && step ? (
        <TargetStatusForm
          target={target}
          step={step}
          onSaved={done}
          onCancel={() => setEditing(null)}
        />
      ) : null}
    </Card>
  );
}
