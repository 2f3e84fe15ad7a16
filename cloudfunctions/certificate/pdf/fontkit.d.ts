// The part of fontkit 2 (foliojs/fontkit, which ships no types) this function uses directly; pdf-lib types the rest.
declare module 'fontkit' {
  export interface FontkitSubset {
    includeGlyph(glyph: number | object): number;
    encode(): Uint8Array;
  }
  export interface FontkitFace {
    postscriptName: string;
    numGlyphs: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    createSubset(): FontkitSubset;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): FontkitFace;
}
