/** Any route of the API can verify sessions: it is given the public key (`SST_Auth_publicKey_auth`). */
export async function handler() {
  const canVerify = process.env.SST_Auth_publicKey_auth !== undefined
  return { statusCode: 200, body: JSON.stringify({ canVerify }) }
}
