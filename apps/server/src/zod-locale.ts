import { z } from "zod";

// Zod's own messages (a wrong type, an unknown option, a number too big…) in Portuguese, like
// every other message the API and the engine give; a message a schema names itself still wins.
// Imported first by the runtime both roles open, before any value is parsed.
z.config(z.locales.ptBR());
