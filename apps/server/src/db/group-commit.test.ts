import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit.js";

describe("GroupCommit", () => {
  it("writes what is submitted while a statement runs together in the next, each caller getting its own result", async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number, number>(
      async (items) => {
        batches.push(items);
        await new Promise((resolve) => setTimeout(resolve, 20));
        return items.map((n) => n * 10);
      },
      { maxInFlight: 1, maxBatch: 100 },
    );
    const first = commit.submit(1);
    await new Promise((resolve) => setTimeout(resolve, 5)); // the first statement is running
    const rest = [2, 3, 4].map((n) => commit.submit(n));
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("never puts two items with the same key in one batch, so they are written in order", async () => {
    const batches: string[][] = [];
    const commit = new GroupCommit<string, void>(
      async (items) => {
        batches.push(items);
        return items.map(() => undefined);
      },
      { maxInFlight: 1, maxBatch: 100, key: (item) => item[0]! },
    );
    await Promise.all(["a1", "b1", "a2", "a3", "b2"].map((item) => commit.submit(item)));
    expect(batches).toEqual([["a1", "b1"], ["a2", "b2"], ["a3"]]);
  });

  it("writes a failed batch again one item at a time: only the bad item's caller sees the error", async () => {
    const commit = new GroupCommit<number, number>(
      async (items) => {
        if (items.includes(13)) throw new Error("13 is refused");
        return items;
      },
      { maxInFlight: 2, maxBatch: 100 },
    );
    const results = await Promise.allSettled([12, 13, 14].map((n) => commit.submit(n)));
    expect(results).toEqual([
      { status: "fulfilled", value: 12 },
      { status: "rejected", reason: new Error("13 is refused") },
      { status: "fulfilled", value: 14 },
    ]);
  });

  it("caps a batch at maxBatch items", async () => {
    const sizes: number[] = [];
    const commit = new GroupCommit<number, number>(
      async (items) => {
        sizes.push(items.length);
        return items;
      },
      { maxInFlight: 1, maxBatch: 3 },
    );
    await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => commit.submit(n)));
    expect(sizes).toEqual([3, 3, 1]);
  });
});
