// Where the e2e app and its BTG-ID sandbox listen (ports apart from a dev `npm start`).
export const APP_PORT = 3210;
export const SANDBOX_PORT = 3211;
export const APP_URL = `http://localhost:${APP_PORT}`;
export const SANDBOX_URL = `http://127.0.0.1:${SANDBOX_PORT}`;
export const DEMO_CLIENT = { clientId: "demo-client", clientSecret: "demo-secret" };
