import { describe, expect, it } from "vitest";
import { SLICE_CHARS, slicePlan } from "./json-slices.mjs";
import { parseInSlices, parseValidJson } from "./sliced-parse.js";

/** Parsed in slices, then compared with JSON.parse member by member and in key order (toStrictEqual ignores order). */
async function expectSameAsJsonParse(text: string): Promise<void> {
  const plan = slicePlan(text);
  expect("piece" in plan, "the text is big enough to be sliced").toBe(false);
  const sliced = await parseInSlices(text, plan);
  expect(JSON.stringify(sliced)).toBe(JSON.stringify(JSON.parse(text)));
  expect(sliced).toStrictEqual(JSON.parse(text));
}

const many = (n: number, item: (i: number) => unknown) => Array.from({ length: n }, (_, i) => item(i));
const enough = Math.ceil((3 * SLICE_CHARS) / 30);

describe("parseInSlices", () => {
  it("builds the value JSON.parse builds from a big list of small objects, in several slices", async () => {
    const text = JSON.stringify({ items: many(enough, (i) => ({ id: i, nome: `item ${i}` })) });
    expect(JSON.stringify(slicePlan(text)).match(/"run"/g)!.length).toBeGreaterThan(2);
    await expectSameAsJsonParse(text);
  });

  it("keeps strings that look like JSON syntax, escapes, numbers as JSON.parse reads them, nesting and whitespace", async () => {
    const tricky = (i: number) => ({ s: `a,b]}{["\\"\n${i}`, u: "\u00e9\ud83d\ude00", n: [1e400, -0, 2 ** 64 + 1, 0.1], deep: { l: [[], {}, [null, true, false]] } });
    await expectSameAsJsonParse(JSON.stringify(many(enough / 2, tricky), null, 2));
    await expectSameAsJsonParse(` \n[ ${many(enough, (i) => `{ "k" : ${i} , "v" : "x" }`).join(" ,\n ")} ] \n`);
  });

  it("plans big members on their own: a big object in a list, a big list in an object, a member bigger than a slice", async () => {
    const big = (i: number) => ({ [`k${i}`]: many(enough, (j) => ({ j })) });
    await expectSameAsJsonParse(JSON.stringify([1, big(1), "meio", big(2), [big(3)], "x".repeat(SLICE_CHARS + 1)]));
  });

  it("makes a key named __proto__ (escaped, so no text check sees it) an own member, as JSON.parse does, never the prototype", async () => {
    const entries = many(enough, (i) => `"k${i}":${i}`);
    for (const text of [`{${entries.join(",")},"\\u005f_proto__":{"polluted":true}}`, `{"\\u005f_proto__":${JSON.stringify(many(enough, (i) => ({ i })))},${entries.join(",")}}`]) {
      const sliced = (await parseInSlices(text, slicePlan(text))) as Record<string, unknown>;
      expect(Object.getPrototypeOf(sliced)).toBe(Object.prototype);
      expect(Object.hasOwn(sliced, "__proto__")).toBe(true);
      expect(JSON.stringify(sliced)).toBe(JSON.stringify(JSON.parse(text)));
    }
  });

  it("keeps JSON.parse's order of keys and the last value of a repeated key, wherever the slices fall", async () => {
    const entries = many(enough, (i) => `"${i % 2 === 0 ? i : `k${i}`}":${i}`);
    const repeated = `"k1":${JSON.stringify(many(enough, (i) => i))}`;
    await expectSameAsJsonParse(`{${entries.join(",")},${repeated},"k3":"last","k1":"again"}`);
    await expectSameAsJsonParse(`{"k1":"first",${entries.join(",")},${repeated}}`);
  });

  it("gives other work turns while it parses", async () => {
    const text = JSON.stringify(many(enough * 20, (i) => ({ id: i, nome: `item ${i}` })));
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    try {
      await parseInSlices(text, slicePlan(text));
    } finally {
      clearInterval(ticking);
    }
    expect(turns).toBeGreaterThan(0);
  });

  it("gives a stored JSON text's value (planned by the worker thread when big) as JSON.parse does", async () => {
    const stored = JSON.stringify({ items: many(enough, (i) => ({ id: i, nome: `item ${i}` })), fim: "\u00e9" }, null, 1);
    expect(JSON.stringify(await parseValidJson(stored))).toBe(JSON.stringify(JSON.parse(stored)));
    expect(await parseValidJson('{"a": [1, null]}')).toEqual({ a: [1, null] });
  });
});
