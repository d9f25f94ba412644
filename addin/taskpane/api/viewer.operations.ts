// Who the token belongs to: the connect panel's status and the role that
// decides which actions the pane offers.
import { roleOf } from "../../shared/enum-words.js";
import { operation } from "../../shared/graphql-client.js";
import type { MeQuery, MeQueryVariables } from "../../shared/graphql-types.generated.js";

export const ME = operation<MeQuery, MeQueryVariables>(/* GraphQL */ `
  query Me {
    me {
      userId
      name
      role
      trustName
      academyUrns
    }
  }
`);

/** The signed-in user as the server sends it: role is the enum value (TRUST_ADMIN). */
export type WireViewer = MeQuery["me"];

/** The signed-in user with the role in the server's words (trust-admin), as roleHas takes it. */
export type Viewer = Omit<WireViewer, "role"> & { readonly role: string };

export type MeResult = MeQuery;

/** The viewer with its role in the server's words (trust-admin), as roleHas takes it. */
export function viewerOf(wire: WireViewer): Viewer {
  return { ...wire, role: roleOf(wire.role) };
}
