import { Cognito, StackContext } from "@serverless-stack/resources"

// The user pool in a stack of its own: the API stack uses it, and grants signed-in users access
// to the API from there (the 2022 attachPermissionsForAuthUsers(scope, permissions) signature).
export function AuthStack({ stack }: StackContext) {
  const auth = new Cognito(stack, "Auth", {
    login: ["email"],
    triggers: {
      preSignUp: "functions/pre-sign-up.handler",
      postConfirmation: "functions/post-confirmation.handler",
    },
    identityPoolFederation: {
      google: { clientId: "000000000000-example.apps.googleusercontent.com" },
    },
    cdk: {
      userPoolClient: {
        supportedIdentityProviders: ["COGNITO"],
        oAuth: { callbackUrls: ["http://localhost:3000"], logoutUrls: ["http://localhost:3000"] },
      },
    },
  })

  // The post-confirmation trigger adds the new user to a group of its own pool.
  auth.attachPermissionsForTrigger("postConfirmation", [{ actions: ["cognito-idp:AdminAddUserToGroup"], resources: [auth.userPoolArn] }])

  stack.addOutputs({
    UserPoolId: auth.userPoolId,
    UserPoolClientId: auth.userPoolClientId,
    IdentityPoolId: auth.cognitoIdentityPoolId!,
  })
  return { auth }
}
