// The subscription transport: GraphQL subscriptions over WebSocket (graphql-ws),
// each event executed once per audience. It serves the streams of
// server/live/events through the schema server/graphql builds.
export { startSubscriptionServer, type SubscriptionServerOptions } from "./subscription-server.js";
