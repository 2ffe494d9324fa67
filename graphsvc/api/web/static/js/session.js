// The bearer token lives in sessionStorage: it ends with the tab.

const KEY = "graphsvc.token";

/** @returns {string | null} */
export function token() {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** @param {string} value */
export function signIn(value) {
  sessionStorage.setItem(KEY, value);
}

export function signOut() {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // storage unavailable: nothing was kept
  }
}
