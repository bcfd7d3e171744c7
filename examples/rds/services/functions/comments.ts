/** Reports which database it is bound to; the values are SST v1's bind environment names. */
export async function main() {
  return {
    statusCode: 200,
    body: JSON.stringify({
      clusterArn: process.env.SST_RDS_clusterArn_rds,
      secretArn: process.env.SST_RDS_secretArn_rds,
      database: process.env.SST_RDS_defaultDatabaseName_rds,
    }),
  }
}
