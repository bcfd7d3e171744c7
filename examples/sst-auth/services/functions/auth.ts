/**
 * The authenticator. With SST v1 this is `AuthHandler({ providers })` from
 * `@serverless-stack/node/auth`, which reads the prefix and the keys from the variables below (the
 * keys from SSM: their value here is `__FETCH_FROM_SSM__`).
 */
export async function handler() {
  const prefix = process.env.SST_Auth_prefix_auth
  const hasKeys = process.env.SST_Auth_privateKey_auth !== undefined && process.env.SST_Auth_publicKey_auth !== undefined
  return { statusCode: 200, body: JSON.stringify({ prefix, hasKeys }) }
}
