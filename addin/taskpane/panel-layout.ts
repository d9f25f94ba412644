// Layout shared by the panels: one column that fits Excel's narrow task pane
// (about 320 px), sections with a heading, and rows of buttons that wrap.
import { makeStyles, tokens } from "@fluentui/react-components";

export const usePanelLayout = makeStyles({
  panel: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    minWidth: 0,
    // Fluent's inputs keep the browser's intrinsic width (an <input> of 20
    // characters, a <select> as wide as its longest option): at 320 px two
    // side by side overran the pane. Every box shrinks to its column instead.
    "& .fui-Input, & .fui-Select, & .fui-Combobox, & .fui-Textarea": {
      minWidth: 0,
      maxWidth: "100%",
    },
    "& .fui-Input > input, & .fui-Combobox > input": { minWidth: 0, width: "100%" },
    "& .fui-Select > select": { minWidth: 0, textOverflow: "ellipsis" },
    "& .fui-Field": { minWidth: 0 },
  },
  section: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase400,
  },
  actions: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
    alignItems: "center",
  },
  pair: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)",
    columnGap: tokens.spacingHorizontalS,
    // A hint under one box ("read as 3.4%") must not push its neighbour down.
    alignItems: "start",
  },
  /** An accordion panel without its indent, for the narrow pane. */
  flush: {
    marginLeft: 0,
    marginRight: 0,
  },
  /** A control that shrinks to the pane instead of to its longest option. */
  fill: {
    minWidth: 0,
    maxWidth: "100%",
    "& select": { minWidth: 0, textOverflow: "ellipsis" },
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
});
