"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { settled } from "@/components/actions/settle-actions";
import type { ImageTile } from "@/lib/images/selection/list-image-tiles";
import type { GalleryActions } from "./gallery-actions";

/** Appends the next keyset page when the sentinel scrolls into view (well before the end: 1,200 px margin). */
export function useInfinitePages(
  search: string,
  initial: { items: ImageTile[]; nextCursor: string | null },
  loadPage: GalleryActions["loadPage"],
) {
  const [items, setItems] = useState(initial.items);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [error, setError] = useState<string | null>(null);
  const loading = useRef(false);
  const sentinel = useRef<HTMLDivElement>(null);

  const loadMore = useCallback(async () => {
    if (!cursor || loading.current) return;
    loading.current = true;
    const page = await settled(loadPage)({ search, cursor });
    loading.current = false;
    if (!page.ok) return setError(page.error.message);
    setItems((current) => [...current, ...page.data.items]);
    setCursor(page.data.nextCursor);
  }, [cursor, search, loadPage]);

  useEffect(() => {
    const node = sentinel.current;
    if (!node || !cursor) return;
    const observer = new IntersectionObserver((entries) => entries[0]?.isIntersecting && loadMore(), {
      rootMargin: "1200px 0px",
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [cursor, loadMore]);

  return { items, setItems, hasMore: cursor !== null, error, sentinel };
}
