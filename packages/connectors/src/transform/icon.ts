/** Two columns joined by arrows (De/Para) on a blue tile: original, self-contained, no external references. */
export const transformIcon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32" role="img" aria-label="Transformar">' +
  '<rect width="32" height="32" rx="7" fill="#1d4f91"/>' +
  '<path d="M8 10h5m-5 6h5m-5 6h5m4-12h7m-3-3 3 3-3 3m-4 9h7m-3-3 3 3-3 3" fill="none" stroke="#ffffff" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>' +
  "</svg>";
