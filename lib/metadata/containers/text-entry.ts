/** One keyword/text pair found in a container: a PNG text chunk, an EXIF tag, an XMP packet. */
export type TextEntry = { keyword: string; text: string; source: string };
