import type { Metadata } from "next";
import type { ReactNode } from "react";
import { CollapsingNav } from "@/components/ui/collapsing-nav";
import { Button } from "@/components/ui/form-controls";
import { NavMenu } from "@/components/ui/nav-menu";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { findSessionUser } from "@/lib/auth/session/session";
import { getDb } from "@/lib/db/get-db";
import { hasRole } from "@/lib/enums/roles";
import { findUserPreferences } from "@/lib/preferences/find-user-preferences";
import { signOutAction, updatePreferencesAction } from "./actions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Lightbox", template: "%s · Lightbox" },
  description: "The image library and review desk for AI image-generation pipelines",
  // Files in public/: the favicon, the home-screen icon, and robots.txt (a private library is not indexed).
  icons: { icon: "/favicon.ico", apple: "/apple-touch-icon.png" },
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await findSessionUser();
  const preferences = await findUserPreferences(getDb(), user?.id ?? null);
  return (
    <html lang="en" data-theme={preferences.theme}>
      <body className="min-h-screen font-sans">
        <header className="flex flex-wrap items-center gap-x-6 gap-y-3 border-b border-neutral-800 px-4 py-3 md:px-6">
          <a href="/" className="text-lg font-semibold tracking-tight">
            Lightbox
          </a>
          {user ? (
            <CollapsingNav>
              <a href="/" className="hover:text-neutral-50">
                Gallery
              </a>
              <a href="/duplicates" className="hover:text-neutral-50">
                Duplicates
              </a>
              <a href="/datasets" className="hover:text-neutral-50">
                Datasets
              </a>
              {hasRole(user.role, "reviewer") ? (
                <a href="/review" className="hover:text-neutral-50">
                  Review
                </a>
              ) : null}
              <a href="/critics" className="hover:text-neutral-50">
                Critics
              </a>
              <a href="/stats" className="hover:text-neutral-50">
                Stats
              </a>
              {hasRole(user.role, "reviewer") ? (
                <a href="/upload" className="hover:text-neutral-50">
                  Upload
                </a>
              ) : null}
              {hasRole(user.role, "admin") ? (
                <NavMenu label="Admin">
                  <a href="/admin/users" className="hover:text-neutral-50">
                    Users
                  </a>
                  <a href="/admin/keys" className="hover:text-neutral-50">
                    API keys
                  </a>
                  <a href="/admin/tags" className="hover:text-neutral-50">
                    Tags
                  </a>
                  <a href="/admin/review-settings" className="hover:text-neutral-50">
                    Review rule
                  </a>
                  <a href="/admin/critics" className="hover:text-neutral-50">
                    Critic thresholds
                  </a>
                  <a href="/admin/doctor" className="hover:text-neutral-50">
                    Integrity
                  </a>
                  <a href="/admin/cleanup" className="hover:text-neutral-50">
                    Cleanup
                  </a>
                </NavMenu>
              ) : null}
              <span className="min-w-0 truncate text-neutral-500 md:ml-auto md:max-w-64" title={user.email}>
                {user.email} · {user.role}
              </span>
              <a href="/account/password" className="hover:text-neutral-50">
                Account
              </a>
              <ThemeToggle initial={preferences.theme} save={updatePreferencesAction} />
              <form action={signOutAction}>
                <Button type="submit" variant="secondary" className="py-1">
                  Sign out
                </Button>
              </form>
            </CollapsingNav>
          ) : null}
        </header>
        <main className="px-3 py-4 md:px-6 md:py-6">{children}</main>
      </body>
    </html>
  );
}
