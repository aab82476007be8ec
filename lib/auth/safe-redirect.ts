/** Only same-site paths: `?next=https://evil.example` or `//evil.example` must not become an open redirect. */
export function safeRedirectPath(next: string | null | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}
