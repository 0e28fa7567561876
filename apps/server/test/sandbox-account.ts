/** The sandbox's demo account 001: its balance's path under the API URL, the scope that reads it, and a step that obtains such a token. */
export const BALANCE_PATH = "/12345678/banking/accounts/001/balance";
export const SCOPES = "empresas.btgpactual.com/accounts.readonly";

export const accountCredentialsStep = (connectionId: string) => ({
  id: "credentials",
  connector: "btg-id",
  operation: "get-credentials",
  connectionId,
  parameters: { grantType: "client_credentials", scope: SCOPES, authorizationDetails: [{ type: "account", resource: "12345678/banking/accounts/001", privileges: ["read"] }] },
  position: { x: 300, y: 120 },
});
