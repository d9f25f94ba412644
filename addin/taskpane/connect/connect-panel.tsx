// Connect: the server's address, then "Sign in with Microsoft 365" where the
// server offers it, and an access token from the trust admin as the fallback
// (kept in Office's own storage on this computer, never in the workbook);
// the connection's status (trust, name and role from `me`) and signing out.
import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
} from "@fluentui/react-components";
import { defaultServerUrl } from "../../shared/connection.js";
import { fetchSignInOptions, type MicrosoftSignInOptions } from "../../shared/microsoft-365.js";
import { usePanelLayout } from "../panel-layout.js";
import { useSession } from "../session/session-context.js";
import { roleWords } from "../words.js";

/** The server's Microsoft 365 sign-in, asked again (after a pause) as its address is typed. */
function useMicrosoftSignIn(serverUrl: string): MicrosoftSignInOptions | null {
  const [options, setOptions] = useState<MicrosoftSignInOptions | null>(null);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void fetchSignInOptions(serverUrl.trim()).then((found) => {
        if (live) setOptions(found);
      });
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [serverUrl]);
  return options;
}

export function ConnectPanel() {
  const layout = usePanelLayout();
  const session = useSession();
  const [serverUrl, setServerUrl] = useState(defaultServerUrl());
  const [token, setToken] = useState("");
  const [tokenInstead, setTokenInstead] = useState(false);
  const microsoft365 = useMicrosoftSignIn(serverUrl);
  const askToken = microsoft365 === null || tokenInstead;

  useEffect(() => {
    if (session.connection) setServerUrl(session.connection.serverUrl);
  }, [session.connection]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await session.connect(serverUrl, token)) setToken("");
  };

  if (session.status === "loading")
    return <Spinner size="small" label="Reading the saved connection" />;

  return (
    <div className={layout.panel}>
      <h2 className={layout.heading}>Connection</h2>
      {session.status === "connected" && session.viewer ? (
        <>
          <MessageBar intent="success" aria-live="polite">
            <MessageBarBody>
              <MessageBarTitle>Connected to {session.viewer.trustName}</MessageBarTitle>
              <div>
                Signed in as {session.viewer.name} ({roleWords(session.viewer.role)})
              </div>
              {session.connection?.signedInWith === "microsoft365" ? (
                <div>With Microsoft 365 as {session.connection.account}</div>
              ) : null}
            </MessageBarBody>
          </MessageBar>
          <Text size={200} className={layout.muted}>
            Server: {session.connection?.serverUrl}
          </Text>
          <div className={layout.actions}>
            <Button onClick={() => void session.signOut()}>Sign out</Button>
          </div>
        </>
      ) : (
        <form className={layout.section} onSubmit={(event) => void submit(event)}>
          {session.status === "failed" && session.error ? (
            <MessageBar intent="error">
              <MessageBarBody>
                <MessageBarTitle>Not connected</MessageBarTitle>
                {session.error}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          {session.status === "signed-out" && session.error ? (
            <MessageBar intent="error">
              <MessageBarBody>{session.error}</MessageBarBody>
            </MessageBar>
          ) : null}
          <Field label="Server URL" required>
            <Input
              type="url"
              value={serverUrl}
              onChange={(_, data) => setServerUrl(data.value)}
              autoComplete="url"
            />
          </Field>
          {microsoft365 ? (
            <div className={layout.actions}>
              <Button
                appearance="primary"
                disabled={session.status === "checking"}
                onClick={() => void session.connectWithMicrosoft365(serverUrl, microsoft365)}
              >
                Sign in with Microsoft 365
              </Button>
              {askToken ? null : (
                <Button appearance="subtle" onClick={() => setTokenInstead(true)}>
                  Use an access token instead
                </Button>
              )}
            </div>
          ) : null}
          {askToken ? (
            <Field
              label="Access token"
              required
              hint="From your trust administrator. Kept in Office's storage on this computer, never in the workbook."
            >
              <Input
                type="password"
                value={token}
                onChange={(_, data) => setToken(data.value)}
                autoComplete="off"
              />
            </Field>
          ) : null}
          <div className={layout.actions}>
            {askToken ? (
              <Button
                appearance={microsoft365 ? "secondary" : "primary"}
                type="submit"
                disabled={session.status === "checking" || token.trim() === ""}
              >
                Connect
              </Button>
            ) : null}
            {session.status === "failed" ? (
              <Button onClick={() => void session.retry()}>Try the saved token again</Button>
            ) : null}
            {session.status === "failed" ? (
              <Button onClick={() => void session.signOut()}>Forget the saved token</Button>
            ) : null}
            {session.status === "checking" ? <Spinner size="tiny" label="Checking" /> : null}
          </div>
        </form>
      )}
    </div>
  );
}
