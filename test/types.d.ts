// The npm `xliff` package (used only as an independent reader in tests) ships no type declarations.
declare module 'xliff' {
  interface Resources {
    resources: Record<string, Record<string, { source: unknown; target?: unknown }>>;
    sourceLanguage?: string;
    targetLanguage?: string;
  }
  const xliff: {
    xliff12ToJs(text: string): Promise<Resources>;
    xliff2js(text: string): Promise<Resources>;
  };
  export default xliff;
}
