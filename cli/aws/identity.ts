/**
 * Who is calling: the account (for the assets bucket's name) and the caller's ARN (for the
 * stage lock's holder), from STS GetCallerIdentity, which needs no permission.
 * @module
 */
import { GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts"

export interface CallerIdentity {
  account: string
  arn: string
}

export async function getCallerIdentity(sts: STSClient): Promise<CallerIdentity> {
  const answer = await sts.send(new GetCallerIdentityCommand({}))
  if (!answer.Account) throw new Error("internal: STS GetCallerIdentity answered without an Account")
  return { account: answer.Account, arn: answer.Arn ?? `account ${answer.Account}` }
}
