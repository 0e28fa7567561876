import { describe, expect, it } from "vitest";
import { firstFreeSlug, slugify } from "./slug.js";

describe("flow slugs", () => {
  it("makes a URL-safe slug from a Portuguese name", () => {
    expect(slugify("Obter credenciais (cópia)")).toBe("obter-credenciais-copia");
    expect(slugify("  Ação!! ")).toBe("acao");
    expect(slugify("???")).toBe("fluxo");
    expect(slugify("x".repeat(100))).toHaveLength(60);
  });

  it("numbers a slug already taken in the workspace", () => {
    expect(firstFreeSlug("a", new Set())).toBe("a");
    expect(firstFreeSlug("a", new Set(["a", "a-2"]))).toBe("a-3");
  });
});
