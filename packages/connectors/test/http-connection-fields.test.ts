import { fieldTextIn, readFieldText } from "@fluxo/contracts";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { connectionSchema, firstIssueText } from "../src/http/connection.js";

describe("the HTTP connection's field messages", () => {
  it("each field says what is wrong with it", () => {
    const result = connectionSchema.safeParse({ authType: "header", headerName: "x api", headerValue: "a\nb" });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["headerName", "Nome de cabeçalho inválido: use letras, números e - (ex.: x-api-key)."],
      ["headerValue", "Não use quebras de linha nem o caractere NUL."],
    ]);
  });

  it("a value refused without a reason still says what to do, in either language, never a bare \"inválido\"", () => {
    const text = firstIssueText(new z.ZodError([]));
    expect(text).toBe("Este valor não foi aceito para a Autenticação escolhida: digite-o de novo (sem quebras de linha, até 8192 caracteres) ou escolha outra Autenticação.");
    expect(readFieldText(text)).toEqual({ code: "http.field.auth_value_rejected" });
    expect(fieldTextIn(text, "en")).toBe("This value wasn't accepted for the chosen Authentication: type it again (no line breaks, at most 8192 characters) or choose another Authentication.");
  });
});
