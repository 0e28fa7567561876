import { problem } from "../http/route-problems.js";
import { messageList, ref, type CodedFieldProblem, type Connection, type ConnectionCreate, type ConnectionTestResult, type ConnectionUpdate, type FieldProblem, type StepMessageParam } from "@fluxo/contracts";
import { checkOutboundUrl, getConnector, StepError, type ConnectionGrants, type ConnectionValues, type ConnectorDefinition, type HttpClient, type OutboundPolicy } from "@fluxo/connectors";
import { isFieldActive, validateFieldValues } from "@fluxo/engine";
import type { PrismaClient } from "../db/database.js";
import type { Connection as ConnectionRow, OAuthGrant } from "../generated/prisma/client.js";
import { Prisma } from "../generated/prisma/client.js";
import { sameJson } from "../flows/same-json.js";
import { fieldProblem, notFound, ProblemError, validationProblem } from "../http/problem.js";
import type { SecretBox, SealedSecrets } from "../secrets/secret-box.js";
import { fromJson, toJson } from "../db/json.js";
import { connectionAuthorization } from "../oauth/grant-view.js";

type FlowRef = { id: string; name: string };
type ConnectionWithGrant = ConnectionRow & { oauthGrant: OAuthGrant | null };
const WITH_GRANT = { oauthGrant: true } as const;
/** The values a consent was given for: changing one of them forgets it. */
const CONSENT_BINDING = ["authentication", "clientId", "environmentUrl"];

function pick(values: Record<string, unknown> | null, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, values?.[key] ?? null]));
}

/**
 * How long the engine keeps a connection it opened: every step of every execution needs its
 * connection, and reading plus opening it each time was a large share of an execution's cost.
 * Edits and deletions through this service drop the entry at once; another process (a queue
 * worker) sees an edit within this time.
 */
const OPENED_TTL_MS = 5_000;

export class ConnectionService {
  private readonly opened = new Map<string, { values: Promise<ConnectionValues | null>; until: number }>();
  /** Set once at start-up: the grant service reads connections through this service, so it comes after it. */
  private grants: ConnectionGrants | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly http: HttpClient,
    private readonly box: SecretBox,
    private readonly outboundPolicy: OutboundPolicy,
  ) {}

  async list(workspaceId: string, connector?: string): Promise<Connection[]> {
    const rows = await this.prisma.connection.findMany({ where: { workspaceId, ...(connector ? { connector } : {}) }, orderBy: { createdAt: "desc" }, include: WITH_GRANT });
    const usage = await this.usage(workspaceId);
    return rows.map((row) => toApi(row, usage.get(row.id) ?? []));
  }

  async get(workspaceId: string, id: string): Promise<Connection> {
    const row = await this.find(workspaceId, id);
    return toApi(row, (await this.usage(workspaceId)).get(id) ?? []);
  }

  async create(workspaceId: string, input: ConnectionCreate & { description: string; values: Record<string, unknown> }): Promise<Connection> {
    const connector = requireConnector(input.connector);
    const { config, secrets } = splitValues(this.box, connector, input.values, {});
    await this.assertReachable(connector, config);
    const row = await this.prisma.connection.create({
      data: { workspaceId, connector: connector.key, name: input.name, description: input.description, config: toJson(config), secrets: toJson(secrets) },
    });
    return toApi({ ...row, oauthGrant: null }, []);
  }

  async update(workspaceId: string, id: string, input: ConnectionUpdate & { values: Record<string, unknown> }): Promise<Connection> {
    const row = await this.find(workspaceId, id);
    const connector = requireConnector(row.connector);
    const merged = { ...fromJson<Record<string, unknown>>(row.config), ...input.values };
    const { config, secrets } = splitValues(this.box, connector, merged, fromJson<SealedSecrets>(row.secrets));
    // Only what this edit changes: a rename must not fail on a URL the policy refuses since it was saved.
    await this.assertReachable(connector, config, Object.keys(input.values));
    this.opened.delete(id);
    // A test says something of the values it ran with: new ones (the URL, a credential) make it stale.
    const retested = this.sameValues({ config, secrets }, row) ? {} : { lastTest: Prisma.DbNull };
    // A consent belongs to the client and server it was given to: another one (or Client Credentials) forgets it.
    if (!sameJson(pick(config, CONSENT_BINDING), pick(fromJson(row.config), CONSENT_BINDING))) await this.prisma.oAuthGrant.deleteMany({ where: { connectionId: id } });
    const updated = await this.prisma.connection.update({
      where: { id },
      data: { name: input.name ?? row.name, description: input.description ?? row.description, config: toJson(config), secrets: toJson(secrets), ...retested },
      include: WITH_GRANT,
    });
    this.opened.delete(id); // again: a read that ran during the update may have kept the old values
    return toApi(updated, (await this.usage(workspaceId)).get(id) ?? []);
  }

  /** Refuses (409, naming the flows) to delete a connection flows use, unless forced. */
  async delete(workspaceId: string, id: string, force: boolean): Promise<void> {
    await this.find(workspaceId, id);
    const usedBy = (await this.usage(workspaceId)).get(id) ?? [];
    if (usedBy.length > 0 && !force) {
      const names = usedBy.map((f) => `"${f.name}"`).join(", ");
      throw new ProblemError(409, "Conflict", problem("connection.in_use", { names }), undefined, { usedBy });
    }
    await this.prisma.connection.delete({ where: { id } });
    this.opened.delete(id);
  }

  /** "Testar conexão" of a connection authenticated by consent uses its tokens. */
  useGrants(grants: ConnectionGrants): void {
    this.grants = grants;
  }

  /** Tests a saved connection and remembers the result. */
  async testSaved(workspaceId: string, id: string): Promise<ConnectionTestResult> {
    const row = await this.find(workspaceId, id);
    const result = await this.runTest(requireConnector(row.connector), toValues(row, this.box), this.grants);
    await this.prisma.connection.update({ where: { id }, data: { lastTest: remembered(result) } });
    return result;
  }

  /**
   * After a consent was stored ("Conectar com o BTG"): the connection tested with it, remembered in
   * place of the test before, which spoke of no consent (or of an older one). The fresh access token
   * is read, not refreshed: BTG is asked nothing more. A test that can't run leaves no result rather
   * than the stale one.
   */
  async testConsented(connectionId: string): Promise<void> {
    const row = await this.prisma.connection.findUnique({ where: { id: connectionId } });
    if (!row) return;
    const result = await this.runTest(requireConnector(row.connector), toValues(row, this.box), this.grants).catch(() => null);
    await this.prisma.connection.update({ where: { id: connectionId }, data: { lastTest: result ? remembered(result) : Prisma.DbNull } });
  }

  /** The consent is gone (Desconectar): a test of it says nothing of the connection any more. */
  async forgetTest(connectionId: string): Promise<void> {
    await this.prisma.connection.updateMany({ where: { id: connectionId }, data: { lastTest: Prisma.DbNull } });
  }

  /** Tests values typed in a form before saving; with an id, stored secrets fill the omitted ones. */
  async testUnsaved(workspaceId: string, input: { connector: string; name: string; values: Record<string, unknown>; id?: string }): Promise<ConnectionTestResult> {
    const connector = requireConnector(input.connector);
    const stored = input.id ? await this.find(workspaceId, input.id) : null;
    const merged = { ...(fromJson<Record<string, unknown>>(stored?.config) ?? {}), ...input.values };
    const { config, secrets } = splitValues(this.box, connector, merged, fromJson<SealedSecrets>(stored?.secrets) ?? {});
    await this.assertReachable(connector, config);
    // The stored consent was given for the saved client and environment: values that change them have none yet.
    const consentHolds = stored !== null && sameJson(pick(config, CONSENT_BINDING), pick(fromJson<Record<string, unknown>>(stored.config), CONSENT_BINDING));
    const result = await this.runTest(connector, { id: input.id ?? "unsaved", name: input.name, values: config, secrets: this.box.openAll(secrets) }, consentHolds ? this.grants : undefined);
    // The saved connection as it is (the form changed none of its values): its test, remembered like any other.
    if (stored && this.sameValues({ config, secrets }, stored)) await this.prisma.connection.update({ where: { id: stored.id }, data: { lastTest: remembered(result) } });
    return result;
  }

  private sameValues(next: { config: Record<string, unknown>; secrets: SealedSecrets }, row: ConnectionRow): boolean {
    // A field added after the connection was saved (BTG-ID's Autenticação) counts as its default, as the connector reads it.
    const defaults = Object.fromEntries(requireConnector(row.connector).connectionFields.filter((f) => !f.secret && f.default !== undefined).map((f) => [f.key, f.default]));
    return sameJson({ ...defaults, ...next.config }, { ...defaults, ...fromJson<Record<string, unknown>>(row.config) }) && sameJson(this.box.openAll(next.secrets), this.box.openAll(fromJson<SealedSecrets>(row.secrets)));
  }

  /** For the engine: a connection with its secrets opened (flows were checked to use only their workspace's connections when saved). */
  loadValues(id: string): Promise<ConnectionValues | null> {
    const now = Date.now();
    const cached = this.opened.get(id);
    if (cached && cached.until > now) return cached.values;
    if (this.opened.size >= 1000) this.opened.clear();
    const values = this.prisma.connection.findUnique({ where: { id } }).then((row) => (row ? toValues(row, this.box) : null));
    const entry = { values, until: now + OPENED_TTL_MS };
    this.opened.set(id, entry);
    // A failed read or a missing connection is not kept.
    values.then(
      (v) => v === null && this.forget(id, entry),
      () => this.forget(id, entry),
    );
    return values;
  }

  private forget(id: string, entry: unknown): void {
    if (this.opened.get(id) === entry) this.opened.delete(id);
  }

  /** Fails (WrongKeyError) when stored secrets were sealed with another key: better refuse to start than misread them. */
  async assertKeyOpensStoredSecrets(): Promise<void> {
    const sample = await this.prisma.connection.findFirst({ where: { NOT: { secrets: { equals: {} } } }, orderBy: { createdAt: "asc" } });
    if (sample) this.box.openAll(sample.secrets);
  }

  /** The workspace's connections, for checking a flow's steps: another workspace's connection is as good as missing. */
  async connectorsById(workspaceId: string): Promise<Map<string, { connector: string }>> {
    const rows = await this.prisma.connection.findMany({ where: { workspaceId }, select: { id: true, connector: true } });
    return new Map(rows.map((r) => [r.id, { connector: r.connector }]));
  }

  /** Refuses (422 on the field) URL fields the outbound policy would refuse to call, by the policy's own rules. */
  private async assertReachable(connector: ConnectorDefinition, config: Record<string, unknown>, keys?: string[]): Promise<void> {
    const urlFields = connector.connectionFields.filter((f) => f.type === "url" && (!keys || keys.includes(f.key)) && typeof config[f.key] === "string");
    const problems: CodedFieldProblem[] = [];
    const reasons: StepMessageParam[] = [];
    for (const field of urlFields) {
      const refusal = await checkOutboundUrl(config[field.key] as string, this.outboundPolicy);
      if (!refusal) continue;
      problems.push({ path: `values.${field.key}`, message: refusal.reason, messageCode: refusal.text.code, ...(refusal.text.params ? { messageParams: refusal.text.params } : {}) });
      reasons.push(ref("definition.field_problem", { path: field.key, problem: refusal.text }));
    }
    if (problems.length > 0) throw validationProblem(problem("connection.address_refused", { problems: messageList(reasons) }), problems);
  }

  private async runTest(connector: ConnectorDefinition, connection: ConnectionValues, grants: ConnectionGrants | undefined): Promise<ConnectionTestResult> {
    const started = Date.now();
    const testedAt = new Date().toISOString();
    try {
      const { message, messageCode, messageParams } = await connector.testConnection({ connection, http: this.http, signal: AbortSignal.timeout(60_000), ...(grants ? { grants } : {}) });
      return { ok: true, testedAt, durationMs: Date.now() - started, message, ...(messageCode ? { messageCode } : {}), ...(messageParams ? { messageParams } : {}) };
    } catch (error) {
      if (error instanceof StepError) return { ok: false, testedAt, durationMs: Date.now() - started, message: error.info.message, error: error.info };
      throw error;
    }
  }

  private async find(workspaceId: string, id: string): Promise<ConnectionWithGrant> {
    const row = isUuid(id) ? await this.prisma.connection.findFirst({ where: { id, workspaceId }, include: WITH_GRANT }) : null;
    if (!row) throw notFound("thing.connection", id);
    return row;
  }

  /** Which flows use each connection (flow definitions are small; a scan keeps the model simple). */
  private async usage(workspaceId: string): Promise<Map<string, FlowRef[]>> {
    const flows = await this.prisma.flow.findMany({ where: { workspaceId }, select: { id: true, name: true, definition: true }, orderBy: { name: "asc" } });
    const usage = new Map<string, FlowRef[]>();
    for (const flow of flows) {
      const steps = fromJson<{ steps?: { connectionId?: string | null }[] }>(flow.definition).steps ?? [];
      const ids = new Set(steps.map((s) => s.connectionId).filter((id): id is string => typeof id === "string"));
      for (const id of ids) usage.set(id, [...(usage.get(id) ?? []), { id: flow.id, name: flow.name }]);
    }
    return usage;
  }
}

export function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

function requireConnector(key: string): ConnectorDefinition {
  const connector = getConnector(key);
  if (!connector) throw validationProblem(problem("connection.unknown_connector"), [fieldProblem("connector", problem("field.unknown_connector", { connector: key }))]);
  return connector;
}

/**
 * Validates a connection's values against its connector's fields and splits them:
 * non-secret values to `config`, secrets sealed. A secret left empty keeps the stored one.
 */
function splitValues(box: SecretBox, connector: ConnectorDefinition, values: Record<string, unknown>, storedSecrets: SealedSecrets): { config: Record<string, unknown>; secrets: SealedSecrets } {
  const secretKeys = new Set(connector.connectionFields.filter((f) => f.secret).map((f) => f.key));
  const stored = box.openAll(storedSecrets);
  const candidate: Record<string, unknown> = {};
  for (const field of connector.connectionFields) {
    const value = values[field.key];
    const empty = value === undefined || value === null || value === "";
    if (secretKeys.has(field.key)) candidate[field.key] = empty ? stored[field.key] : value;
    else candidate[field.key] = typeof value === "string" ? value.trim() : value;
  }
  const unknownKeys = Object.keys(values).filter((key) => !connector.connectionFields.some((f) => f.key === key));
  const problems: FieldProblem[] = [
    ...unknownKeys.map((key) => fieldProblem(`values.${key}`, problem("field.unknown_connection_field", { connector: connector.name, field: key }))),
    ...validateFieldValues(connector.connectionFields, candidate, "").map(({ field, ...told }) => ({ path: `values.${field}`, ...told })),
  ];
  if (problems.length > 0) throw validationProblem(problem("connection.invalid_fields"), problems);

  const config: Record<string, unknown> = {};
  const secrets: SealedSecrets = {};
  // A field the form no longer shows (the HTTP token after switching to Basic) is dropped, secret included.
  const inactive = new Set(connector.connectionFields.filter((field) => !isFieldActive(field, candidate)).map((field) => field.key));
  for (const [key, value] of Object.entries(candidate)) {
    if (value === undefined || inactive.has(key)) continue;
    if (secretKeys.has(key)) secrets[key] = box.seal(String(value));
    else config[key] = value;
  }
  return { config, secrets };
}

/** The code a consent connection's test fails with before any consent (the connector's and the grant service's). */
const NOT_CONNECTED_CODE = "not_connected";

/**
 * A test as the connection remembers it. "Not connected yet" (an Authorization Code connection no
 * one has consented for) tested nothing — no value was sent anywhere — so it is no failure of the
 * connection: it is remembered as no test, beside the consent's own "Não conectado".
 */
function remembered(result: ConnectionTestResult): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return !result.ok && result.error?.code === NOT_CONNECTED_CODE ? Prisma.DbNull : toJson(result);
}

function toValues(row: ConnectionRow, box: SecretBox): ConnectionValues {
  return { id: row.id, name: row.name, values: fromJson<Record<string, unknown>>(row.config), secrets: box.openAll(row.secrets) };
}

function toApi(row: ConnectionWithGrant, usedBy: FlowRef[]): Connection {
  const connector = getConnector(row.connector);
  const sealed = fromJson<SealedSecrets>(row.secrets);
  const secrets = Object.fromEntries((connector?.connectionFields ?? []).filter((f) => f.secret).map((f) => [f.key, { set: Boolean(sealed[f.key]) }]));
  return {
    id: row.id,
    connector: row.connector,
    name: row.name,
    description: row.description,
    values: fromJson<Record<string, unknown>>(row.config),
    secrets,
    lastTest: fromJson<Connection["lastTest"]>(row.lastTest) ?? null,
    usedBy,
    authorization: connectionAuthorization(row.connector, fromJson<Record<string, unknown>>(row.config), row.oauthGrant),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
