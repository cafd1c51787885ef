// swagger2openapi ships no type declarations; this is the one call the codegen makes.
declare module 'swagger2openapi' {
  interface ConvertOptions {
    patch?: boolean;
    warnOnly?: boolean;
    resolve?: boolean;
    refSiblings?: 'remove' | 'preserve' | 'allOf';
    [option: string]: unknown;
  }
  const converter: {
    convertObj(swagger: object, options: ConvertOptions): Promise<{ openapi: any }>;
  };
  export default converter;
}
