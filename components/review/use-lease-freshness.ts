"use client";

import { useCallback, useEffect, useRef } from "react";

/**
 * A leased queue's images lapse LEASE_MINUTES after the reviewer's last decision and may go to someone else. A
 * reviewer who comes back later (to the tab, or to a key) gets the desk reopened, which hands them their images
 * again if still theirs and new ones if not, instead of deciding images that may no longer be theirs.
 * `isStale()` says the desk was reopened; `touch()` marks a decision (the server renews the leases with it).
 */
export function useLeaseFreshness(leaseMinutes: number | null | undefined) {
  const lastActive = useRef(Date.now());
  const isStale = useCallback(() => {
    if (!leaseMinutes || Date.now() - lastActive.current < leaseMinutes * 60_000) return false;
    window.location.reload();
    return true;
  }, [leaseMinutes]);
  const touch = useCallback(() => {
    lastActive.current = Date.now();
  }, []);
  useEffect(() => {
    const onVisible = () => document.visibilityState === "visible" && isStale();
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [isStale]);
  return { isStale, touch };
}
