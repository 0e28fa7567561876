/**
 * What a field that doesn't fit is told, in the words the web app's own forms use. The API
 * answers with these (422, one per field), and the web app shows them beside the field.
 * Zod's own messages (a wrong type, an unknown option) come in Portuguese too: the server
 * sets zod's pt-BR locale (apps/server/src/zod-locale.ts); the web app, its chosen language's.
 */
export const REQUIRED = "Preencha este campo.";
export const atMostChars = (max: number) => `Use no máximo ${max} caracteres.`;
export const atLeastChars = (min: number) => `Use pelo menos ${min} caracteres.`;
