interface PostConfirmationEvent {
  userPoolId: string
  userName: string
}

/** A real app would call AdminAddUserToGroup here (its role allows exactly that on this pool). */
export async function handler(event: PostConfirmationEvent) {
  console.log(`confirmed ${event.userName} in ${event.userPoolId}`)
  return event
}
