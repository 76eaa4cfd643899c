/**
 * KaTeX's stylesheet with each @font-face reduced to its woff2 file, at the URL the build gave it
 * (`fonts` maps a path ending in the file name to its URL). Faces without a URL are left alone.
 */
export function katexWithFonts(css: string, fonts: Record<string, string>): string {
  const byName = new Map(Object.entries(fonts).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]));
  return css.replace(/src:url\(fonts\/([\w-]+)\.woff2\)[^;}]*/g, (whole, name: string) => {
    const url = byName.get(`${name}.woff2`);
    return url ? `src:url(${JSON.stringify(url)}) format("woff2")` : whole;
  });
}
