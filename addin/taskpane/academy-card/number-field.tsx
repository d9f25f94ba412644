// A labelled number input whose text is kept as typed and read on save.
import { Field, Input } from "@fluentui/react-components";

export function NumberField({
  label,
  value,
  onChange,
  required = false,
  hint,
}: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly required?: boolean;
  readonly hint?: string;
}) {
  const invalid = value.trim() !== "" && !Number.isFinite(Number(value));
  return (
    <Field
      label={label}
      required={required}
      hint={hint}
      validationState={invalid ? "error" : "none"}
      validationMessage={invalid ? "Enter a number, such as 62 or -0.3" : undefined}
    >
      <Input
        inputMode="decimal"
        value={value}
        onChange={(_, data) => onChange(data.value)}
        size="small"
      />
    </Field>
  );
}

/** The number typed, or null when blank; throws a message naming the field when it is not a number. */
export function readNumber(label: string, text: string, required: boolean): number | null {
  if (text.trim() === "") {
    if (required) throw new Error(`${label}: enter a number.`);
    return null;
  }
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`${label}: "${text}" is not a number.`);
  return value;
}
