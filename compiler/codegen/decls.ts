/** ts-morph structures for the few declaration forms codegen emits. */
import {
  StructureKind,
  VariableDeclarationKind,
  type FunctionDeclarationStructure,
  type VariableStatementStructure,
} from "ts-morph";

export type Decl = VariableStatementStructure | FunctionDeclarationStructure;

export const constant = (
  name: string,
  type: string | undefined,
  init: string,
  lead = "",
  exported = false,
): Decl => ({
  kind: StructureKind.VariableStatement,
  declarationKind: VariableDeclarationKind.Const,
  isExported: exported,
  declarations: [{ name, type, initializer: init }],
  leadingTrivia: lead ? lead + "\n" : undefined,
});

/** A function declaration; `params` are fixed internal [name, type] pairs ("name?" = optional). */
export const fn = (
  name: string,
  params: [string, string][],
  returnType: string,
  body: string[],
  lead = "",
  exported = false,
): Decl => ({
  kind: StructureKind.Function,
  name,
  isExported: exported,
  parameters: params.map(([n, type]) => ({
    name: n.replace(/\?$/, ""),
    type,
    hasQuestionToken: n.endsWith("?"),
  })),
  returnType,
  statements: body,
  leadingTrivia: lead ? lead + "\n" : undefined,
});

/** A module-level `let` (a per-module cache the generated code updates). */
export const mutable = (name: string, type: string, init: string, lead = ""): Decl => ({
  kind: StructureKind.VariableStatement,
  declarationKind: VariableDeclarationKind.Let,
  declarations: [{ name, type, initializer: init }],
  leadingTrivia: lead ? lead + "\n" : undefined,
});
