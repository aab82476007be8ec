import { customType, timestamp } from "drizzle-orm/pg-core";

export const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

export const lifecycleDates = { createdAt: createdAt(), updatedAt: updatedAt() };

export const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
