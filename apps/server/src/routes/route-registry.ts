import type { ExtraOperation } from "../openapi/openapi-document.js";
import type { ApiRoute } from "./api-route.js";

/**
 * Every route the server answers, as each resource's router describes it: the API routes
 * (mounted under /api) and the operations mounted elsewhere (the gateway). The server mounts
 * what is here and GET /api/openapi.json describes the same, so neither imports a router.
 */
export class RouteRegistry {
  private readonly apiRoutes: ApiRoute[] = [];
  private readonly otherOperations: ExtraOperation[] = [];

  /** A resource's routes, in the order Express tries them (a literal segment before a :param). */
  add(routes: readonly ApiRoute[]): this {
    for (const route of routes) {
      const clash = this.apiRoutes.find((known) => known.method === route.method && known.path === route.path);
      if (clash) throw new Error(`${route.method.toUpperCase()} ${route.path} is registered twice`);
      this.apiRoutes.push(route);
    }
    return this;
  }

  /** Operations outside /api, described next to their own handlers. */
  addOperations(operations: readonly ExtraOperation[]): this {
    this.otherOperations.push(...operations);
    return this;
  }

  get routes(): readonly ApiRoute[] {
    return this.apiRoutes;
  }

  get operations(): readonly ExtraOperation[] {
    return this.otherOperations;
  }
}
