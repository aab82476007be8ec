import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Lightbox", template: "%s · Lightbox" },
  description: "The image library and review desk for AI image-generation pipelines",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className="dark">
      <body className="min-h-screen font-sans">
        <header className="flex items-center gap-6 border-b border-neutral-800 px-6 py-3">
          <a href="/" className="text-lg font-semibold tracking-tight">
            Lightbox
          </a>
        </header>
        <main className="px-6 py-6">{children}</main>
      </body>
    </html>
  );
}
