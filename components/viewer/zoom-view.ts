/** How an image is shown: fitted to its frame, or at a pixel scale (1 = 100%) panned by (x, y) px from centre. */
export type ZoomView = { scale: "fit" | number; x: number; y: number };

export const FIT_VIEW: ZoomView = { scale: "fit", x: 0, y: 0 };

export function toggleZoom(view: ZoomView): ZoomView {
  return view.scale === "fit" ? { scale: 1, x: 0, y: 0 } : FIT_VIEW;
}
