import { z } from "zod";

// Zod compiles fast object parsers with `new Function`, first probing whether eval is allowed.
// Our CSP forbids eval, and the probe alone is reported as a violation (the e2e CSP guard fails
// on it), so: no JIT. Imported first by main.tsx, before any module builds a schema.
z.config({ jitless: true });
