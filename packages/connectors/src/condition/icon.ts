/** A fork on an amber tile: original, self-contained, no external references. */
export const conditionIcon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32" role="img" aria-label="Condição">' +
  '<rect width="32" height="32" rx="7" fill="#8a4b00"/>' +
  '<path d="M7 16h7l5-6h6m-6 12h6m-11-6 5 6" fill="none" stroke="#ffffff" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/>' +
  "</svg>";
