// Whether a query asks for a field anywhere below the field being resolved
// (through fragments too): lets a resolver leave out of its read what no one
// will be shown, such as the engine's reasons on a thousand-academy overview.
import type { GraphQLResolveInfo, SelectionSetNode } from "graphql";

/** True when `field` is selected anywhere under the field `info` resolves. */
export function asksFor(info: GraphQLResolveInfo, field: string): boolean {
  const seen = new Set<string>();
  const within = (selections: SelectionSetNode | undefined): boolean =>
    (selections?.selections ?? []).some((selection) => {
      switch (selection.kind) {
        case "Field":
          return selection.name.value === field || within(selection.selectionSet);
        case "InlineFragment":
          return within(selection.selectionSet);
        case "FragmentSpread": {
          const name = selection.name.value;
          if (seen.has(name)) return false;
          seen.add(name);
          return within(info.fragments[name]?.selectionSet);
        }
      }
    });
  return info.fieldNodes.some((node) => within(node.selectionSet));
}
