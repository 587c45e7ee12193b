// The model id or name from a page's route params. Next.js hands params over decoded already; a
// second decode of a name holding `%` (`/models/%25`) would throw, so it only applies where it can.
export function modelParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
