// `mingo/util` is published through package.json "exports", which this project's moduleResolution ("node")
// does not read; point the type checker at the declarations mingo ships for it.
declare module 'mingo/util' {
  export * from 'mingo/types/util/index';
}
