// Who the token belongs to: the connect panel's status and the role that
// decides which actions the pane offers.

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
  readonly me: Viewer;
}
