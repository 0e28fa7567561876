// Where the e2e app and its BTG-ID sandbox listen (ports apart from a dev `npm start`).
export const APP_PORT = 3210;
export const SANDBOX_PORT = 3211;
export const APP_URL = `http://localhost:${APP_PORT}`;
export const SANDBOX_URL = `http://127.0.0.1:${SANDBOX_PORT}`;
/** A second, strict sandbox (BTG_SANDBOX_STRICT_GRANTS=true): its banking APIs answer only the account holder's tokens, as BTG's do. */
export const STRICT_SANDBOX_PORT = 3212;
export const STRICT_SANDBOX_URL = `http://127.0.0.1:${STRICT_SANDBOX_PORT}`;
export const DEMO_CLIENT = { clientId: "demo-client", clientSecret: "demo-secret" };
/** The owner "setup" creates on the fresh e2e database, and where its signed-in state is kept. */
export const OWNER = { email: "dona@e2e.example", name: "Dona Fluxo", password: "uma senha bem longa" };
export const OWNER_STATE = "e2e/artifacts/.auth/owner.json";
