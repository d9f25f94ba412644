// Who may do what, from the server's own permission table (a pure module):
// the pane offers an action only when the signed-in role holds it, and the
// server checks again.
export { isRole, roleHas, type Permission, type Role } from "../../../server/auth/roles.js";
