import { Function, RDS, StackContext } from "@serverless-stack/resources"

export function Database({ stack }: StackContext) {
  // The seed page's example, unchanged: an SST v1 engine name, built as Aurora Serverless v2.
  const rds = new RDS(stack, "rds", {
    engine: "postgresql10.14",
    defaultDatabaseName: "main",
    migrations: "services/migrations",
  })

  // A function that queries the database through the Data API: binding gives it the cluster ARN,
  // the secret ARN and the database name, and the permissions to use them.
  new Function(stack, "Comments", {
    handler: "services/functions/comments.main",
    bind: [rds],
  })

  stack.addOutputs({
    ClusterArn: rds.clusterArn,
    SecretArn: rds.secretArn,
  })
  return { rds }
}
