import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import i18n from "../i18n/index.js";
import { connectRefusal, connectRefusalMessage } from "./connectRules.js";
import { canConnect } from "./store.js";
import { builtInConnectors, loopFlowDefinition } from "./testing/loopFlow.js";

const t = i18n.getFixedT("pt-BR", "editor") as TFunction<"editor">;
const tEn = i18n.getFixedT("en", "editor") as TFunction<"editor">;

describe("connectRefusal", () => {
  it("refuses a link into a Loop's Cada item branch from a step outside it, as the server would (definition.outside_repeat)", () => {
    const definition = loopFlowDefinition();
    const refusal = connectRefusal(definition, "resumo", "caro", undefined, builtInConnectors);
    expect(refusal).toEqual({ code: "outside_repeat", source: "resumo", target: "caro", loop: "pedidos", port: "each", into: "caro", from: "resumo" });
    expect(canConnect(definition, "resumo", "caro", undefined, builtInConnectors)).toBe(false);
    // The port by its label, the steps as the canvas names them.
    expect(connectRefusalMessage(refusal!, definition, builtInConnectors, t)).toBe(
      "Não dá para ligar “Resumo” a “caro”: “caro” roda uma vez por item do caminho “Cada item” de “pedidos”, e “Resumo” fica fora desse caminho. Ligue-o só a partir de passos desse caminho.",
    );
    expect(connectRefusalMessage(refusal!, definition, builtInConnectors, tEn)).toContain("on the “Cada item” path of “pedidos”");
  });

  it("refuses a link that would pull a step linked from outside into the branch", () => {
    const definition = loopFlowDefinition();
    // caro → resumo would make resumo run per item, but Concluído already leads to it.
    const refusal = connectRefusal(definition, "caro", "resumo", "true", builtInConnectors);
    expect(refusal).toMatchObject({ code: "outside_repeat", loop: "pedidos", port: "each", into: "resumo", from: "pedidos" });
    expect(connectRefusalMessage(refusal!, definition, builtInConnectors, t)).toBe(
      "Não dá para ligar “caro” a “Resumo”: “Resumo” passaria a rodar uma vez por item do caminho “Cada item” de “pedidos”, mas também é ligado a partir de “pedidos”, fora desse caminho.",
    );
  });

  it("allows what the branch may have: a link inside it, and from the branch's steps to a new step", () => {
    const definition = loopFlowDefinition();
    definition.steps.push({ ...definition.steps[2]!, id: "linha", name: undefined, position: { x: 840, y: 0 } });
    expect(connectRefusal(definition, "caro", "linha", "true", builtInConnectors)).toBeNull();
    expect(connectRefusal(definition, "trigger", "resumo", undefined, builtInConnectors)).toBeNull();
  });

  it("says why a cycle or a second identical link is refused", () => {
    const definition = loopFlowDefinition();
    const cycle = connectRefusal(definition, "resumo", "pedidos", undefined, builtInConnectors);
    expect(cycle).toEqual({ code: "cycle", source: "resumo", target: "pedidos" });
    expect(connectRefusalMessage(cycle!, definition, builtInConnectors, t)).toBe("Não dá para ligar “Resumo” a “pedidos”: “pedidos” já leva a “Resumo”, e a ligação fecharia um ciclo.");
    const again = connectRefusal(definition, "trigger", "pedidos", undefined, builtInConnectors);
    expect(connectRefusalMessage(again!, definition, builtInConnectors, t)).toBe("“Início” já está ligado a “pedidos”.");
    expect(connectRefusal(definition, "caro", "caro", "true", builtInConnectors)).toEqual({ code: "self" });
    expect(connectRefusal(definition, "caro", "trigger", "true", builtInConnectors)).toEqual({ code: "into_trigger" });
  });
});
