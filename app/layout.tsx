import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/form-controls";
import { hasRole } from "@/lib/auth/roles";
import { findSessionUser } from "@/lib/auth/session";
import { signOutAction } from "./actions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Lightbox", template: "%s · Lightbox" },
  description: "The image library and review desk for AI image-generation pipelines",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await findSessionUser();
  return (
    <html lang="en" className="dark">
      <body className="min-h-screen font-sans">
        <header className="flex items-center gap-6 border-b border-neutral-800 px-6 py-3">
          <a href="/" className="text-lg font-semibold tracking-tight">
            Lightbox
          </a>
          {user ? (
            <nav className="flex flex-1 items-center gap-4 text-sm text-neutral-300">
              <a href="/" className="hover:text-white">
                Gallery
              </a>
              <a href="/duplicates" className="hover:text-white">
                Duplicates
              </a>
              <a href="/datasets" className="hover:text-white">
                Datasets
              </a>
              {hasRole(user.role, "reviewer") ? (
                <a href="/review" className="hover:text-white">
                  Review
                </a>
              ) : null}
              <a href="/critics" className="hover:text-white">
                Critics
              </a>
              <a href="/stats" className="hover:text-white">
                Stats
              </a>
              {hasRole(user.role, "reviewer") ? (
                <a href="/upload" className="hover:text-white">
                  Upload
                </a>
              ) : null}
              {hasRole(user.role, "admin") ? (
                <>
                  <a href="/admin/users" className="hover:text-white">
                    Users
                  </a>
                  <a href="/admin/keys" className="hover:text-white">
                    API keys
                  </a>
                  <a href="/admin/tags" className="hover:text-white">
                    Tags
                  </a>
                  <a href="/admin/review-settings" className="hover:text-white">
                    Review rule
                  </a>
                  <a href="/admin/critics" className="hover:text-white">
                    Critic thresholds
                  </a>
                  <a href="/admin/doctor" className="hover:text-white">
                    Integrity
                  </a>
                </>
              ) : null}
              <span className="ml-auto text-neutral-500">
                {user.email} · {user.role}
              </span>
              <a href="/account/password" className="hover:text-white">
                Account
              </a>
              <form action={signOutAction}>
                <Button type="submit" variant="secondary" className="py-1">
                  Sign out
                </Button>
              </form>
            </nav>
          ) : null}
        </header>
        <main className="px-6 py-6">{children}</main>
      </body>
    </html>
  );
}
