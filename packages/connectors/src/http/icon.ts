/** Two arrows on a teal tile: original, self-contained, no external references. */
export const httpIcon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32" role="img" aria-label="HTTP">' +
  '<rect width="32" height="32" rx="7" fill="#0f5e63"/>' +
  '<path d="M8 12h14m-4-4 4 4-4 4M24 20H10m4-4-4 4 4 4" fill="none" stroke="#ffffff" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/>' +
  "</svg>";
