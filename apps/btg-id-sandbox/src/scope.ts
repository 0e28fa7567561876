// RFC 6749 §3.3: scope = scope-token *( SP scope-token ); scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]+(?: [\x21\x23-\x5B\x5D-\x7E]+)*$/;

export const SCOPE_SYNTAX = "scope must be space-separated tokens of printable ASCII without quotes or backslashes";

export function isValidScope(scope: string): boolean {
  return SCOPE.test(scope);
}

export function scopeTokens(scope: string): string[] {
  return scope.split(" ").filter((token) => token !== "");
}
