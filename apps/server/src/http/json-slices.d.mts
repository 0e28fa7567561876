/** Where a piece of the text starts and ends (`text.slice(at, end)`). */
export type TextRange = [at: number, end: number];
/** A value parsed whole; an array or object made of runs of small members (parsed together) and big ones planned in turn. */
export type SlicePlan =
  | { piece: TextRange }
  | { array: ({ run: TextRange } | { value: SlicePlan })[] }
  | { object: ({ run: TextRange } | { key: TextRange; value: SlicePlan })[] };
export declare const SLICE_CHARS: number;
export declare function slicePlan(text: string, at?: number, end?: number): SlicePlan;
