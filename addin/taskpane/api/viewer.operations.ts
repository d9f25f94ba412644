// Who the token belongs to: the connect panel's status and the role that
// decides which actions the pane offers.
import { roleOf } from "../../shared/enum-words.js";

export const ME = /* GraphQL */ `
  query Me {
    me {
      userId
      name
      role
      trustName
      academyUrns
    }
  }
`;

export interface Viewer {
  readonly userId: string;
  readonly name: string;
  readonly role: string;
  readonly trustName: string;
  readonly academyUrns: readonly string[];
}

export interface MeResult {
  /** role is the enum value (TRUST_ADMIN): read it with viewerOf. */
  readonly me: Viewer;
}

/** The viewer with its role in the server's words (trust-admin), as roleHas takes it. */
export function viewerOf(wire: Viewer): Viewer {
  return { ...wire, role: roleOf(wire.role) };
}
