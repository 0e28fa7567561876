/** Where a value holds a character PostgreSQL can't store: NUL (0) or half a UTF-16 pair (0xd800–0xdfff). */
export interface UnstorableAt {
  path: string;
  codeUnit: number;
  /** 1-based, in UTF-16 code units. */
  position: number;
}
export declare function firstUnstorable(value: unknown, path: string): UnstorableAt | null;
