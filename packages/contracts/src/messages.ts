import { fieldText } from "./step-messages/field-text.js";

/**
 * What a field that doesn't fit is told, in the words the web app's own forms use. The API
 * answers with these (422, one per field), and the web app shows them beside the field; they are
 * texts of the step-message catalog (form.*), so the API tells them in the request's language.
 * Zod's own messages (a wrong type, an unknown option) come in Portuguese too: the server
 * sets zod's pt-BR locale (apps/server/src/zod-locale.ts); the web app, its chosen language's.
 */
export const REQUIRED = fieldText("form.required");
export const atMostChars = (max: number) => fieldText("form.at_most_chars", { max });
export const atLeastChars = (min: number) => fieldText("form.at_least_chars", { min });
