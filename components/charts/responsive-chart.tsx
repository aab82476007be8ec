import type { ReactElement } from "react";
import { ResponsiveContainer } from "recharts";
import { CHART_HEIGHT } from "./chart-theme";

// The size a chart draws at on the server and before it measures its ChartFrame (the frame reserves the height).
const INITIAL = { width: 520, height: CHART_HEIGHT };

/** A recharts chart as wide as its frame and as tall as the frame reserved. */
export function ResponsiveChart({ children }: { children: ReactElement }) {
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT} initialDimension={INITIAL}>
      {children}
    </ResponsiveContainer>
  );
}
