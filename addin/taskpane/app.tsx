// The task pane: a header with the connection's state and four tabs
// (Connect, Risk matrix, Academy cards, Public data). Panels stay mounted while hidden so
// a half-finished mapping survives a look at another tab.
import { useEffect, useState } from "react";
import {
  Badge,
  FluentProvider,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { AcademyCardPanel } from "./academy-card/academy-card-panel.js";
import { ConnectPanel } from "./connect/connect-panel.js";
import { PublicDataPanel } from "./public-data/public-data-panel.js";
import { RiskMatrixPanel } from "./risk-matrix/risk-matrix-panel.js";
import { SessionProvider, useSession } from "./session/session-context.js";
import { useOfficeTheme } from "./office-theme.js";
import { roleWords } from "./words.js";

const TABS = [
  { value: "connect", label: "Connect" },
  { value: "matrix", label: "Risk matrix" },
  { value: "cards", label: "Academy cards" },
  { value: "public", label: "Public data" },
] as const;
type TabValue = (typeof TABS)[number]["value"];

const useStyles = makeStyles({
  shell: { minWidth: 0, minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 },
  header: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  // Four tabs do not fit 320 px on one line: the last wraps rather than widening the pane.
  tabs: { padding: `0 ${tokens.spacingHorizontalXS}`, flexWrap: "wrap" },
});

function ConnectionBadge() {
  const { status, viewer } = useSession();
  if (status === "connected" && viewer) {
    return (
      <Badge
        appearance="tint"
        color="success"
        shape="rounded"
        aria-label={`Connected as ${roleWords(viewer.role)}`}
      >
        {roleWords(viewer.role)}
      </Badge>
    );
  }
  const text =
    status === "failed" ? "Not connected" : status === "checking" ? "Checking…" : "Signed out";
  return (
    <Badge appearance="tint" color={status === "failed" ? "danger" : "subtle"} shape="rounded">
      {text}
    </Badge>
  );
}

function Shell() {
  const styles = useStyles();
  const { status } = useSession();
  const [tab, setTab] = useState<TabValue>("connect");
  const [settled, setSettled] = useState(false);

  // Once, at start-up: a saved connection that checks out opens the risk matrix.
  useEffect(() => {
    if (settled || status === "loading" || status === "checking") return;
    setSettled(true);
    if (status === "connected") setTab("matrix");
  }, [status, settled]);

  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <Text weight="semibold">MAT designations</Text>
        <ConnectionBadge />
      </header>
      <TabList
        className={styles.tabs}
        size="small"
        selectedValue={tab}
        onTabSelect={(_, data) => setTab(data.value as TabValue)}
        aria-label="Task pane sections"
      >
        {TABS.map((item) => (
          <Tab
            key={item.value}
            value={item.value}
            id={`tab-${item.value}`}
            aria-controls={`panel-${item.value}`}
          >
            {item.label}
          </Tab>
        ))}
      </TabList>
      {TABS.map((item) => (
        <div
          key={item.value}
          id={`panel-${item.value}`}
          role="tabpanel"
          aria-labelledby={`tab-${item.value}`}
          hidden={tab !== item.value}
        >
          {item.value === "connect" ? <ConnectPanel /> : null}
          {item.value === "matrix" ? <RiskMatrixPanel /> : null}
          {item.value === "cards" ? <AcademyCardPanel /> : null}
          {item.value === "public" ? <PublicDataPanel /> : null}
        </div>
      ))}
    </div>
  );
}

export function App() {
  const theme = useOfficeTheme();
  return (
    <FluentProvider theme={theme}>
      <SessionProvider>
        <Shell />
      </SessionProvider>
    </FluentProvider>
  );
}
