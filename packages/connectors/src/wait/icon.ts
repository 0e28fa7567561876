/** An hourglass on a slate tile: original, self-contained, no external references. */
export const waitIcon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32" role="img" aria-label="Espera">' +
  '<rect width="32" height="32" rx="7" fill="#3d4b5c"/>' +
  '<path d="M10 7h12M10 25h12M11 7c0 5 10 6 10 9s-10 4-10 9m10-18c0 5-10 6-10 9s10 4 10 9" fill="none" stroke="#ffffff" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>' +
  "</svg>";
