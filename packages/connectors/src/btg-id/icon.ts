/** A key on a navy tile: original, self-contained, no external references. */
export const btgIdIcon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32" role="img" aria-label="BTG-ID">' +
  '<rect width="32" height="32" rx="7" fill="#0b2a5b"/>' +
  '<circle cx="11" cy="16" r="5" fill="none" stroke="#ffffff" stroke-width="2.5"/>' +
  '<path d="M16 16h10M22.5 16v4M19 16v3" fill="none" stroke="#ffffff" stroke-width="2.5" stroke-linecap="round"/>' +
  "</svg>";
