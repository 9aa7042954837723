// Vite's `?raw` imports (used by tests only): the file's text as a string.
declare module '*.wat?raw' {
  const text: string;
  export default text;
}
