// What a release is: its types and wire schemas (the machine that moves it lives beside them, imported by path).
export * from './model';
