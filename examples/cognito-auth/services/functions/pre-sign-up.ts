interface PreSignUpEvent {
  request: { userAttributes: Record<string, string> }
  response: { autoConfirmUser?: boolean }
}

/** Confirms users of example.com at once; everyone else confirms by email. */
export async function handler(event: PreSignUpEvent) {
  event.response.autoConfirmUser = (event.request.userAttributes.email ?? "").endsWith("@example.com")
  return event
}
