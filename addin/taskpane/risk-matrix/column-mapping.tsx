// How each column of the risk matrix maps to an indicator: auto-mapped by
// the server's header aliases, editable per column, unmapped columns listed.
// Indicators are shown by name, their keys secondary.
import { Label, Select, Text, makeStyles, tokens, useId } from "@fluentui/react-components";
import { columnLetters } from "../excel/sheet-table.js";
import { usePanelLayout } from "../panel-layout.js";
import {
  repeatedIndicators,
  roleFromValue,
  roleValue,
  type ColumnMapping,
  type ColumnRole,
} from "./column-map.js";
import { INDICATORS, indicatorByKey } from "../../../server/shared/index.js";

const useStyles = makeStyles({
  // One column per row, stacked: the header as the sheet has it, the indicator
  // by name (a full-width dropdown, readable at 320 px), its key beneath.
  list: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
  },
  row: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    minWidth: 0,
  },
  header: {
    overflowWrap: "anywhere",
  },
  letter: {
    color: tokens.colorNeutralForeground3,
    marginRight: tokens.spacingHorizontalXS,
  },
  secondary: {
    color: tokens.colorNeutralForeground3,
    overflowWrap: "anywhere",
  },
  key: {
    fontFamily: tokens.fontFamilyMonospace,
  },
  warning: {
    color: tokens.colorPaletteDarkOrangeForeground1,
  },
});

/** The indicator's name, for a key: "Progress 8" for ks4.progress8. */
function nameOf(key: string): string {
  return indicatorByKey(key)?.label ?? key;
}

/** Names longer than this may not fit a 320 px dropdown: they are written whole beneath it too. */
const LONG_NAME = 40;

/** The line beneath the dropdown: the indicator's key, after its whole name when that is long. */
function keyOf(role: ColumnRole): { readonly name: string | null; readonly key: string } | null {
  if (role.kind === "indicator") {
    const name = nameOf(role.key);
    return { name: name.length > LONG_NAME ? name : null, key: role.key };
  }
  if (role.kind === "ambiguous") return { name: "Choose one", key: role.choices.join(" or ") };
  return null;
}

function ColumnRow({
  column,
  letter,
  repeated,
  onChange,
}: {
  readonly column: ColumnMapping;
  readonly letter: string;
  readonly repeated: boolean;
  readonly onChange: (role: ColumnRole) => void;
}) {
  const styles = useStyles();
  const layout = usePanelLayout();
  const id = useId("column");
  const header = column.header || "(no header)";
  const key = keyOf(column.role);
  return (
    <div className={styles.row}>
      <Label htmlFor={id} className={styles.header} size="small" weight="semibold">
        <span className={styles.letter} aria-hidden="true">
          {letter}
        </span>
        {header}
      </Label>
      <Select
        id={id}
        size="small"
        className={layout.fill}
        value={roleValue(column.role)}
        aria-label={`Indicator for column ${letter}, ${header}`}
        aria-invalid={repeated || undefined}
        onChange={(_, data) => onChange(roleFromValue(data.value))}
      >
        <option value="">Not used</option>
        <option value="urn">URN (which academy)</option>
        {column.role.kind === "result" ? (
          <option value="result">Written by Designate</option>
        ) : null}
        {column.role.kind === "ambiguous"
          ? column.role.choices.map((choice) => (
              <option key={`choice-${choice}`} value={choice}>
                {nameOf(choice)} (a choice for this header)
              </option>
            ))
          : null}
        {INDICATORS.map((indicator) => (
          <option key={indicator.key} value={indicator.key} title={indicator.key}>
            {indicator.label}
          </option>
        ))}
      </Select>
      {key ? (
        <Text size={100} className={styles.secondary}>
          {key.name ? `${key.name}: ` : null}
          <span className={styles.key}>{key.key}</span>
        </Text>
      ) : null}
    </div>
  );
}

export function ColumnMappingEditor({
  mapping,
  firstColumn,
  onChange,
}: {
  readonly mapping: readonly ColumnMapping[];
  /** Zero-based sheet column of the first header, for the letters shown. */
  readonly firstColumn: number;
  readonly onChange: (mapping: ColumnMapping[]) => void;
}) {
  const styles = useStyles();
  const layout = usePanelLayout();
  const repeated = repeatedIndicators(mapping);
  const unmapped = mapping.filter((column) => column.role.kind === "unmapped");
  // An ambiguous header lists its choices first in its dropdown.
  const mapped = mapping.filter(
    (column) => column.role.kind === "indicator" || column.role.kind === "urn",
  ).length;
  const setRole = (index: number, role: ColumnRole) =>
    onChange(mapping.map((column, at) => (at === index ? { ...column, role } : column)));

  return (
    <div className={layout.section}>
      <Text size={200}>
        {mapped} of {mapping.length} columns used. Change any column&apos;s indicator below.
      </Text>
      <div className={styles.list} role="group" aria-label="Column mapping">
        {mapping.map((column, index) => (
          <ColumnRow
            key={index}
            column={column}
            letter={columnLetters(firstColumn + index)}
            repeated={column.role.kind === "indicator" && repeated.has(column.role.key)}
            onChange={(role) => setRole(index, role)}
          />
        ))}
      </div>
      {unmapped.length > 0 ? (
        <Text size={200}>
          Not used ({unmapped.length}):{" "}
          {unmapped.map((column) => column.header || "(no header)").join(", ")}
        </Text>
      ) : null}
      {mapping
        .filter((column) => column.role.kind === "ambiguous")
        .map((column, index) =>
          column.role.kind === "ambiguous" ? (
            <Text key={index} size={200} className={styles.warning} role="alert">
              {column.role.message}: {column.role.choices.map(nameOf).join(" or ")}?
            </Text>
          ) : null,
        )}
      {repeated.size > 0 ? (
        <Text size={200} className={styles.warning}>
          Mapped from more than one column: {[...repeated].map(nameOf).join(", ")}. The server
          accepts this only where the cells agree.
        </Text>
      ) : null}
    </div>
  );
}
