export { startServer, type RunningServer } from "./server.js";
export { loadConfig, ConfigSchema, type Config } from "./config.js";
