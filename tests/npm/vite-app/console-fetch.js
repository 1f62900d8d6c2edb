// The console's transport, exactly as the npm README shows it (a test compares the two).
const csrf = document.querySelector('meta[name="csrf-token"]').content;
export const consoleFetch = (url, init) =>
  fetch(url, { ...init, credentials: "same-origin", headers: { ...init.headers, "X-CSRF-Token": csrf } });
