"use client";

import { useEffect, useState } from "react";

/**
 * False in the server's HTML and until the page hydrated, true after: a key or pointer handler attached by React
 * does nothing before then. Components say so in a data attribute, for whoever drives the page (the browser tests).
 */
export function useHydrated(): boolean {
  const [isHydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return isHydrated;
}
