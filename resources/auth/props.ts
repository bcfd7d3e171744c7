/**
 * The props of `Auth` (SST Auth, v1.18) and of `auth.attach`, with their schema.
 * @module
 */
import { z } from "zod"
import { assertSameShape } from "../../compiler/index.ts"
import type { Api } from "../Api.ts"
import type { FunctionDefinition } from "../function/props.ts"

/** Props of {@link Auth}. */
export interface AuthProps {
  /**
   * The function that handles the auth routes (SST Auth's `AuthHandler`).
   * @example authenticator: "functions/auth.handler"
   */
  authenticator: FunctionDefinition
}

/** Where `auth.attach` serves the authenticator. */
export interface ApiAttachmentProps {
  /** The Api that gets the auth routes. */
  api: Api
  /** The path the routes live under. @default "/auth" */
  prefix?: string
}

export const AuthPropsSchema = z.strictObject({
  authenticator: z.custom<FunctionDefinition>((value) => value !== undefined && value !== null, { message: "a handler string, function props or a Function" }),
})
assertSameShape<AuthProps, z.input<typeof AuthPropsSchema>>()

/** Props of `Cognito` that SST v1 apps written before 1.10 passed to `Auth` (`cdk` included, as v1 checked). */
export const COGNITO_PROPS = ["login", "triggers", "identityPoolFederation", "defaults", "cognito", "cdk"] as const
