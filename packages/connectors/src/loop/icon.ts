/** A circular arrow on a violet tile: original, self-contained, no external references. */
export const loopIcon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32" role="img" aria-label="Loop">' +
  '<rect width="32" height="32" rx="7" fill="#5b3fa0"/>' +
  '<path d="M22.5 12.5A7.5 7.5 0 1 0 23 19m0-10v4h-4" fill="none" stroke="#ffffff" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/>' +
  "</svg>";
