/**
 * HTTP: routing, headers, the one error → status table, and the server itself.
 *
 * @module
 */
export { createHandler } from "./handler.ts";
export { errorResponse } from "./error_response.ts";
export { jsonLinesTo, type RequestLogEntry, type RequestLogger } from "./request_log.ts";
export { type Listener, startListener } from "./start_listener.ts";
export { ListenerPeers } from "./listener_peers.ts";
export { imageWorkerCount } from "./listener_share.ts";
export { type RunningServer, startServer } from "./start_server.ts";
export type { AppDeps } from "./app_deps.ts";
export { accessKey, loadProfileAccess, type ProfileAccess } from "./profile_access.ts";
